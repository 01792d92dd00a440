/**
 * Python source from Labbook values. Names and values a student chose (a column called `class`,
 * `1st`, `"; import os`) never become code: they are written as string literals, and where a
 * Python identifier is needed one is derived and the real name kept beside it as a literal.
 */

/**
 * A Python string literal. JSON's escapes (\" \\ \n \uXXXX, lone surrogates included) are all
 * valid in a Python string literal, and JSON leaves no character unescaped that Python refuses.
 */
export const pyStr = (s: string): string => JSON.stringify(s);

/** A Python literal for JSON-like data: None, True/False, numbers, strings, lists, dicts. */
export function pyValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'float("nan")';
    if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : 'float("-inf")';
    return String(value);
  }
  if (typeof value === 'string') return pyStr(value);
  if (Array.isArray(value)) return `[${value.map(pyValue).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${pyStr(k)}: ${pyValue(v)}`)
    .join(', ')}}`;
}

const KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except ' +
    'finally for from global if import in is lambda nonlocal not or pass raise return try while ' +
    'with yield match case type _ self'
  ).split(' '),
);

/**
 * Python identifiers for `names`, one each, distinct: ASCII letters, digits and `_`, never a
 * keyword, never starting with a digit or `_` (pydantic keeps those private). `1st` → `f_1st`,
 * `a-b` → `a_b`, `class` → `class_`.
 */
export function pyIdentifiers(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let id = name.normalize('NFKD').replace(/[^A-Za-z0-9_]+/g, '_');
    if (/^[0-9_]/.test(id) || id === '') id = `f_${id.replace(/^_+/, '')}`;
    if (KEYWORDS.has(id)) id = `${id}_`;
    let unique = id;
    for (let i = 2; taken.has(unique); i++) unique = `${id}_${i}`;
    taken.add(unique);
    return unique;
  });
}
