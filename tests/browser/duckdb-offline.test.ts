import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startStaticServer } from '../../scripts/static-server';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { FIRST_LESSON, cells, openLesson, outputText, run } from './notebook-page';

const chromium = useChromium();
const LAZY_CACHE = 'labbook-lazy-assets';
const isDuckdbFile = (url: string) => /\/assets\/duckdb[.-][^/]*$/.test(new URL(url).pathname);

/** Every URL in the service worker's caches, by cache name. */
const cached = (page: Page) =>
  page.evaluate(async () => {
    const all: Record<string, string[]> = {};
    for (const name of await caches.keys())
      all[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
    return all;
  });

const lazySize = (page: Page, url: string) =>
  page.evaluate(
    async ({ name, url }) =>
      (await (await (await caches.open(name)).match(url))!.arrayBuffer()).byteLength,
    { name: LAZY_CACHE, url },
  );

/** The recovery page's "Try again": the service worker checks its whole offline copy. */
const repairOfflineCopy = (page: Page) =>
  page.evaluate(async () => {
    const worker = navigator.serviceWorker.controller!;
    const channel = new MessageChannel();
    return new Promise<{ checked: number; damaged: number; unrepaired: string[] } | null>(
      (resolve) => {
        channel.port1.onmessage = (event) => resolve(event.data);
        worker.postMessage({ type: 'REPAIR_PRECACHE' }, [channel.port2]);
      },
    );
  });

it('fetches DuckDB on first use only, then runs lesson 06’s DuckDB cell offline', async () => {
  // Its own server, so "offline" is real: the server is shut down, nothing answers.
  const site = await startStaticServer({
    root: process.env.DIST_DIR ?? 'dist',
    base: '/lazy-duckdb/',
  });
  const served: string[] = [];
  site.server.on('request', (req: { url?: string }) =>
    served.push(new URL(req.url ?? '', site.url).href),
  );
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const tableCell = () =>
    cells(page).filter({ hasText: "lab.duck.table('trips', 'nyc-taxi')" }).first();
  try {
    // A fresh visit installs the offline copy without DuckDB: not fetched, not cached.
    await openLesson(page, site.url, FIRST_LESSON);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout: 60_000,
    });
    const installed = await cached(page);
    const precache = Object.keys(installed).find((n) => n.startsWith('workbox-precache'));
    expect(precache, Object.keys(installed).join(', ')).toBeDefined();
    expect(installed[precache!]!.some((u) => u.includes('/assets/kernel.worker-'))).toBe(true);
    expect(Object.values(installed).flat().filter(isDuckdbFile)).toEqual([]);
    expect(served.filter(isDuckdbFile)).toEqual([]);

    // First use: lesson 06's DuckDB cell fetches DuckDB, and the service worker keeps a copy.
    await openLesson(page, site.url, 'big-data');
    await run(tableCell());
    expect(await outputText(tableCell())).toMatch(/100000|100,000/);
    const fetched = [...new Set(served.filter(isDuckdbFile))].map((u) => new URL(u).pathname);
    expect(fetched.some((p) => p.endsWith('.wasm'))).toBe(true);
    expect(fetched.some((p) => /duckdb\.worker-/.test(p))).toBe(true);
    const lazy = (await cached(page))[LAZY_CACHE] ?? [];
    expect(lazy.map((u) => new URL(u).pathname).sort()).toEqual(fetched.sort());

    // A damaged copy is caught as the precache's are: the recovery check fetches it again.
    const wasm = lazy.find((u) => u.endsWith('.wasm'))!;
    const size = await lazySize(page, wasm);
    await page.evaluate(
      async ({ name, url }) => {
        const cache = await caches.open(name);
        await cache.put(
          url,
          new Response('not wasm', { headers: (await cache.match(url))!.headers }),
        );
      },
      { name: LAZY_CACHE, url: wasm },
    );
    const report = await repairOfflineCopy(page);
    expect(report).toMatchObject({ damaged: 1, unrepaired: [] });
    expect(await lazySize(page, wasm)).toBe(size);
  } finally {
    await site.close();
  }
  await expect(fetch(site.url)).rejects.toThrow();
  await context.setOffline(true);

  // Offline: a reload, and the same cell runs on the cached DuckDB.
  const before = served.length;
  await page.reload();
  await openLesson(page, site.url, 'big-data');
  await run(tableCell());
  expect(await outputText(tableCell())).toMatch(/100000|100,000/);
  expect(served.length).toBe(before);
  await screenshot(page, 'duckdb-offline');
  expect(errors).toEqual([]);
  await context.close();
}, 240_000);
