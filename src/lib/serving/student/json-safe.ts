/** Deeper than any answer a client reads; a deeper one is most likely a structure that loops. */
const MAX_DEPTH = 64;

/**
 * Why a handler's answer cannot be sent as JSON, located (`result.items[2].count`) with the fix,
 * or null when it can. JSON.stringify would throw on a BigInt or a cycle and silently drop a
 * function or turn NaN into null: the client would get a different answer than the handler gave.
 */
export function jsonProblem(value: unknown, at = 'answer'): string | null {
  const ancestors = new Set<object>();
  function walk(v: unknown, where: string, depth: number): string | null {
    switch (typeof v) {
      case 'bigint':
        return `${where} is a BigInt (${String(v).slice(0, 30)}n), which JSON cannot carry; convert it with Number(x) or String(x).`;
      case 'function':
      case 'symbol':
        return `${where} is a ${typeof v}, which JSON cannot carry; return its result or a plain value instead.`;
      case 'number':
        return Number.isFinite(v)
          ? null
          : `${where} is ${String(v)}, which JSON cannot carry (it would arrive as null); check the computation, or return null explicitly.`;
      case 'object': {
        if (v === null) return null;
        if (depth > MAX_DEPTH)
          return `${where} is nested deeper than ${MAX_DEPTH} levels; return a flatter answer.`;
        if (ancestors.has(v))
          return `${where} refers back to an object that contains it (a cycle), which JSON cannot carry; return a copy without the back-reference.`;
        if (v instanceof Date) return null;
        const proto = Object.getPrototypeOf(v) as unknown;
        if (!Array.isArray(v) && proto !== Object.prototype && proto !== null)
          return `${where} is a ${(v.constructor as { name?: string } | undefined)?.name ?? 'class'} object, not plain data; return a plain object or list of its values.`;
        ancestors.add(v);
        const entries = Array.isArray(v)
          ? v.map((x, i) => [`[${i}]`, x] as const)
          : Object.entries(v).map(([k, x]) => [`.${k}`, x] as const);
        for (const [key, x] of entries) {
          if (x === undefined && key.startsWith('['))
            return `${where}${key} is undefined, which JSON cannot carry in a list; use null.`;
          const problem = walk(x, `${where}${key}`, depth + 1);
          if (problem) return problem;
        }
        ancestors.delete(v);
        return null;
      }
      default:
        return null;
    }
  }
  return walk(value, at, 0);
}
