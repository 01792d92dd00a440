/**
 * JSON has no Infinity or NaN: JSON.stringify writes them as null, so a loss that diverged to
 * Infinity came back from an export as null and the file no longer imported. A workspace file
 * writes such a number as {"$number": "Infinity"} (also "-Infinity", "NaN") and reads it back.
 */
const NON_FINITE = new Set(['Infinity', '-Infinity', 'NaN']);

/** JSON.stringify's replacer for workspace tables. */
export const writeNonFinite = (_key: string, value: unknown): unknown =>
  typeof value === 'number' && !Number.isFinite(value) ? { $number: String(value) } : value;

/** JSON.parse's reviver for workspace tables: only an object of that one field is read back. */
export function readNonFinite(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || !('$number' in value)) return value;
  const { $number, ...rest } = value as { $number?: unknown };
  return typeof $number === 'string' && NON_FINITE.has($number) && Object.keys(rest).length === 0
    ? Number($number)
    : value;
}
