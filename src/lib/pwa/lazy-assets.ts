/**
 * Files too big to make every student download at install, for a lesson most reach later: DuckDB
 * (its wasm alone is 18 MB, about 4 MB compressed, for lesson 06 and the SQL lesson's measurement).
 * They stay in the build's precache manifest, so the service worker knows this version's exact
 * files, but are left out of the install: each is cached the first time a page fetches it, and
 * served from that cache from then on, offline too. The cache name starts with `labbook-`, so
 * cells cannot touch it (src/lib/kernel/protected-storage.ts).
 */
export const LAZY_CACHE = 'labbook-lazy-assets';

/** DuckDB's worker, its blocking build, the wasm and its URL module (`assets/duckdb…`). */
const LAZY_FILE = /(?:^|\/)assets\/duckdb[.-][^/]*$/;

export interface ManifestEntry {
  url: string;
  revision?: string | null;
}

export const isLazyAsset = (url: string): boolean => LAZY_FILE.test(new URL(url, 'x:/').pathname);

/** The manifest's entries installed at once, and those cached on first use (their URLs). */
export function splitManifest<E extends ManifestEntry | string>(
  entries: readonly E[],
  siteUrl: string,
): { eager: E[]; lazy: Set<string> } {
  const eager: E[] = [];
  const lazy = new Set<string>();
  for (const entry of entries) {
    const url = typeof entry === 'string' ? entry : entry.url;
    if (isLazyAsset(url)) lazy.add(new URL(url, siteUrl).href);
    else eager.push(entry);
  }
  return { eager, lazy };
}

/**
 * Drops what an earlier version cached on first use and this one no longer ships (file names
 * carry a content hash, so a file this version still has keeps its copy). Returns what went.
 */
export async function pruneLazyCache(
  cache: Cache,
  current: ReadonlySet<string>,
): Promise<string[]> {
  const gone: string[] = [];
  for (const key of await cache.keys()) {
    if (current.has(key.url)) continue;
    await cache.delete(key);
    gone.push(key.url);
  }
  return gone;
}
