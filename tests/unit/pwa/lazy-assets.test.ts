import { describe, expect, it } from 'vitest';
import { isLazyAsset, pruneLazyCache, splitManifest } from '../../../src/lib/pwa/lazy-assets';

const SITE = 'https://example.org/labbook/';
// File names as the build writes them (dist/assets, a content hash in each).
const duckdb = [
  'assets/duckdb-browser-blocking-VEMGwmYn.js',
  'assets/duckdb-eh-BW8AjAf2.js',
  'assets/duckdb-eh-Bbw6HAmJ.wasm',
  'assets/duckdb.worker-C3_v67g0.js',
];
const others = [
  'index.html',
  'assets/sql-wasm-browser-CXIAVl5-.wasm',
  'assets/tfjs-backend-wasm-simd-BrM3BlWr.wasm',
  'assets/kernel.worker-BLoOyhcJ.js',
  'datasets/nyc-taxi/nyc-taxi-sample-100k.csv.gz',
  // A lesson's own file that merely mentions DuckDB is the lesson's, installed with it.
  'assets/lessons/06-big-data/duckdb-plan.svg',
  'assets/lessons/duckdb-notes.md',
];

describe('files cached on first use', () => {
  it('are DuckDB’s four files, and nothing else the site ships', () => {
    for (const url of duckdb) expect(isLazyAsset(url), url).toBe(true);
    for (const url of others) expect(isLazyAsset(url), url).toBe(false);
    expect(isLazyAsset(`${SITE}${duckdb[2]}`)).toBe(true);
    expect(isLazyAsset(`${SITE}${duckdb[2]}?v=1`)).toBe(true);
  });

  it('leave the install and keep their URLs, whatever form the manifest gives', () => {
    const manifest = [
      ...others.map((url) => ({ url, revision: null })),
      ...duckdb.map((url) => ({ url, revision: null })),
      'recovery.html',
    ];
    const { eager, lazy } = splitManifest(manifest, SITE);
    expect(eager.map((e) => (typeof e === 'string' ? e : e.url))).toEqual([
      ...others,
      'recovery.html',
    ]);
    expect([...lazy]).toEqual(duckdb.map((url) => `${SITE}${url}`));
  });

  it('of an earlier version are dropped; this version’s stay', async () => {
    const stored = new Map(
      [...duckdb, 'assets/duckdb-eh-OLDHASH1.wasm'].map((u) => [
        `${SITE}${u}`,
        new Request(`${SITE}${u}`),
      ]),
    );
    const cache = {
      keys: async () => [...stored.values()],
      delete: async (key: Request) => stored.delete(key.url),
    } as unknown as Cache;
    const current = new Set(duckdb.map((u) => `${SITE}${u}`));
    expect(await pruneLazyCache(cache, current)).toEqual([`${SITE}assets/duckdb-eh-OLDHASH1.wasm`]);
    expect([...stored.keys()]).toEqual([...current]);
  });
});
