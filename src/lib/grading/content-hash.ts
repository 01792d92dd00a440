/**
 * JSON with object keys sorted at every depth, so the same content always gives the same text
 * (and hash) whatever order its fields were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** `sha256-<hex>` of the canonical JSON of `value` (Web Crypto: pages, workers and Node). */
export async function contentHash(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(value));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `sha256-${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
