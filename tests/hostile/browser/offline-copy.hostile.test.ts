import { describe, expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../../scripts/static-server';
import { newContext, screenshot, useChromium } from '../../browser/chromium';
import {
  FIRST_LESSON,
  cells,
  editorsReady,
  openLesson,
  outputText,
  run,
  setCode,
} from '../../browser/notebook-page';
import { hostile } from '../hostile';

const browser = useChromium();
const MARKER = '// hostile offline-copy marker';

/**
 * The site on a server of its own, so "offline" is real (the server is shut down, nothing
 * answers) and "back online" is the same origin again (the same port), as in offline.test.ts.
 */
interface OwnSite {
  url: string;
  offline(): Promise<void>;
  online(): Promise<void>;
}
async function ownSite(): Promise<OwnSite> {
  const root = process.env.DIST_DIR ?? 'dist';
  let site: StaticServer | undefined = await startStaticServer({ root, base: '/offline-copy/' });
  const port = Number(new URL(site.url).port);
  return {
    url: site.url,
    offline: async () => {
      await site?.close();
      site = undefined;
    },
    online: async () => {
      site ??= await startStaticServer({ root, base: '/offline-copy/', port });
    },
  };
}

/** Opens a lesson once (the service worker installs) and leaves a cell edit in IndexedDB. */
async function visitAndEdit(page: Page, url: string): Promise<void> {
  await openLesson(page, url, FIRST_LESSON);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 60_000,
  });
  await setCode(cells(page).first(), MARKER);
  // Edits are saved as they are typed; leave the save time to land.
  await page.waitForTimeout(1500);
}

/**
 * Runs a case in a fresh profile on a site of its own, visited once and edited (MARKER in the
 * first cell); the profile is closed and the site taken down whatever the case does.
 */
async function onEditedSite(
  body: (s: { site: OwnSite; context: BrowserContext; page: Page }) => Promise<void>,
): Promise<void> {
  const site = await ownSite();
  const context = await newContext(browser());
  const page = await context.newPage();
  try {
    await visitAndEdit(page, site.url);
    await body({ site, context, page });
  } finally {
    await context.close();
    await site.offline();
  }
}

/** Replaces one precached file (matched by `pattern` on its URL) in the service worker's cache. */
async function damage(page: Page, pattern: string, how: 'garbage' | 'truncate' | 'empty') {
  return page.evaluate(
    async ({ pattern, how }) => {
      const name = (await caches.keys()).find((n) => n.startsWith('workbox-precache'))!;
      const cache = await caches.open(name);
      const key = (await cache.keys()).find((r) => new RegExp(pattern).test(r.url))!;
      const original = await (await cache.match(key))!.text();
      const body =
        how === 'garbage'
          ? '}{ not javascript'
          : how === 'truncate'
            ? original.slice(0, original.length / 2)
            : '';
      const headers = (await cache.match(key))!.headers;
      await cache.put(key, new Response(body, { headers }));
      return { url: key.url, size: original.length };
    },
    { pattern, how },
  );
}

async function cachedSize(page: Page, url: string): Promise<number> {
  return page.evaluate(async (url) => {
    const name = (await caches.keys()).find((n) => n.startsWith('workbox-precache'))!;
    return (await (await (await caches.open(name)).match(url))!.text()).length;
  }, url);
}

// The entry chunk index.html loads: `index-` and an 8-character hash (a library's lazy chunk can
// be named `index-browser-<hash>.js`, which the page never loads on start).
const MAIN_CHUNK = String.raw`/assets/index-[\w-]{8}\.js$`;
const KERNEL_WORKER = String.raw`/assets/kernel\.worker-[\w-]+\.js$`;
const INDEX_HTML = String.raw`/index\.html(\?|$)`;

async function storedDatabases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}

describe('the offline copy of the site', () => {
  for (const how of ['garbage', 'truncate'] as const) {
    hostile(
      'offline-copy',
      `main JS chunk in the precache replaced by ${how === 'garbage' ? 'garbage' : 'its first half'}, reloaded online`,
      { guards: 'availability', timeout: 150_000 },
      async () => {
        await onEditedSite(async ({ page }) => {
          const damaged = await damage(page, MAIN_CHUNK, how);
          await page.reload();
          await editorsReady(page);
          // The damaged copy was fetched again and stored back whole.
          expect(await cachedSize(page, damaged.url)).toBe(damaged.size);
          expect(await cells(page).first().locator('.cm-content').innerText()).toBe(MARKER);
        });
      },
    );
  }

  hostile(
    'offline-copy',
    'kernel worker script in the precache garbled, reloaded online: cells run',
    { guards: 'availability', timeout: 150_000 },
    async () => {
      await onEditedSite(async ({ page }) => {
        const damaged = await damage(page, KERNEL_WORKER, 'garbage');
        await page.reload();
        await editorsReady(page);
        const first = cells(page).first();
        await setCode(first, '6 * 7');
        await run(first);
        expect(await outputText(first)).toBe('42');
        expect(await cachedSize(page, damaged.url)).toBe(damaged.size);
      });
    },
  );

  hostile(
    'offline-copy',
    'kernel worker script garbled, offline: the page names the damaged file (not a kernel crash), work kept, repaired once online',
    { guards: 'clarity', timeout: 150_000 },
    async () => {
      await onEditedSite(async ({ site, context, page }) => {
        await damage(page, KERNEL_WORKER, 'garbage');
        await site.offline();
        await context.setOffline(true);
        await page.reload();
        await editorsReady(page);
        const first = cells(page).first();
        expect(await first.locator('.cm-content').innerText()).toBe(MARKER);
        await first.getByRole('button', { name: 'Run', exact: true }).click();
        const alert = page.getByRole('alert').filter({ hasText: 'offline copy' });
        await alert.waitFor();
        expect(await alert.innerText()).toMatch(/\(kernel\.worker-[\w-]+\.js\) is damaged/);
        await screenshot(page, 'offline-copy-damaged-worker');

        await site.online();
        await context.setOffline(false);
        // The repair takes a moment before the reload: wait for the new page, not the old one's cells.
        const reloaded = page.waitForEvent('load', { timeout: 60_000 });
        await alert.getByRole('button', { name: 'Repair and reload' }).click();
        await reloaded;
        await editorsReady(page, 60_000);
        await setCode(first, '6 * 7');
        await run(first);
        expect(await outputText(first)).toBe('42');
      });
    },
  );

  hostile(
    'offline-copy',
    'main JS chunk in the precache garbled, reloaded offline: recovery page, work kept, repaired once online',
    { guards: 'data', timeout: 150_000 },
    async () => {
      await onEditedSite(async ({ site, context, page }) => {
        const damaged = await damage(page, MAIN_CHUNK, 'garbage');
        await site.offline();
        await context.setOffline(true);
        await page.reload();
        await page.getByRole('heading', { name: 'The Labbook could not start' }).waitFor();
        await page.getByText('Your work is safe.').waitFor();
        await screenshot(page, 'offline-copy-recovery');
        expect(await storedDatabases(page)).toContain('mlops-labbook');

        // Still offline: trying again says so and stays.
        await page.getByRole('button', { name: 'Try again' }).click();
        await page.getByText(/could not be fetched again/).waitFor();

        await site.online();
        await context.setOffline(false);
        await page.getByRole('button', { name: 'Try again' }).click();
        await editorsReady(page, 60_000);
        expect(await cachedSize(page, damaged.url)).toBe(damaged.size);
        expect(await cells(page).first().locator('.cm-content').innerText()).toBe(MARKER);
      });
    },
  );

  hostile(
    'offline-copy',
    'index.html in the precache emptied: repaired online; offline the recovery page, work kept',
    { guards: 'data', timeout: 150_000 },
    async () => {
      await onEditedSite(async ({ site, context, page }) => {
        const damaged = await damage(page, INDEX_HTML, 'empty');
        await page.reload();
        await editorsReady(page);
        expect(await cachedSize(page, damaged.url)).toBe(damaged.size);

        await damage(page, INDEX_HTML, 'empty');
        await site.offline();
        await context.setOffline(true);
        await page.reload();
        await page.getByRole('heading', { name: 'The Labbook could not start' }).waitFor();
        expect(await storedDatabases(page)).toContain('mlops-labbook');
      });
    },
  );
});
