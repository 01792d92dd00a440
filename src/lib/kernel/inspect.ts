/** A readable one-value rendering, like a REPL's: bounded depth and length, cycle-safe. */
export function inspect(value: unknown, depth = 2, seen = new WeakSet<object>()): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return depth === 2 ? value : JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'symbol':
      return String(value);
    case 'function':
      return `[Function ${value.name || '(anonymous)'}]`;
  }
  const object = value as object;
  if (seen.has(object)) return '[Circular]';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value instanceof RegExp) return String(value);
  if (depth < 0) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(object);
  try {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const array = value as unknown as ArrayLike<number>;
      return `${value.constructor.name}(${array.length}) ${list(
        Array.from({ length: Math.min(array.length, 20) }, (_, i) => String(array[i])),
        array.length,
      )}`;
    }
    if (Array.isArray(value)) {
      return list(
        value.slice(0, 50).map((v) => inspect(v, depth - 1, seen)),
        value.length,
      );
    }
    if (value instanceof Map) {
      const entries = [...value]
        .slice(0, 30)
        .map(([k, v]) => `${inspect(k, depth - 1, seen)} => ${inspect(v, depth - 1, seen)}`);
      return `Map(${value.size}) {${entries.join(', ')}${value.size > 30 ? ', …' : ''}}`;
    }
    if (value instanceof Set) {
      const items = [...value].slice(0, 30).map((v) => inspect(v, depth - 1, seen));
      return `Set(${value.size}) {${items.join(', ')}${value.size > 30 ? ', …' : ''}}`;
    }
    const keys = Object.keys(object);
    const name =
      object.constructor && object.constructor !== Object ? `${object.constructor.name} ` : '';
    const fields = keys
      .slice(0, 30)
      .map(
        (k) =>
          `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inspect((object as Record<string, unknown>)[k], depth - 1, seen)}`,
      );
    return `${name}{${fields.length ? ` ${fields.join(', ')}${keys.length > 30 ? ', …' : ''} ` : ''}}`;
  } finally {
    seen.delete(object);
  }
}

function list(items: string[], length: number): string {
  return `[${items.join(', ')}${length > items.length ? `, … ${length - items.length} more` : ''}]`;
}
