/** A plain lookup set (outside .svelte.ts, where a Set would be mistaken for reactive state). */
export function idSet(ids: readonly string[]): ReadonlySet<string> {
  return new Set(ids);
}
