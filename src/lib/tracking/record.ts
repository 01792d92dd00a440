/**
 * A run's params, tags and metrics are records keyed by what a student typed, so a key like
 * "constructor" or "__proto__" must read and write only the record's own entry, never
 * Object.prototype's.
 */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** `record` with `entries` added as own properties (a plain assignment of "__proto__" would not). */
export function withEntries<T>(
  record: Record<string, T>,
  entries: Iterable<[string, T]>,
): Record<string, T> {
  return Object.fromEntries([...Object.entries(record), ...entries]);
}
