import { readdirSync, readFileSync } from 'node:fs';
import { expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inFreshPage, useChromium } from './chromium';
import { SECOND_LESSON, cells } from './notebook-page';
import { gzipKB, staticClosure } from '../../scripts/bench/cold-load';

const chromium = useChromium();
const DIST = process.env.DIST_DIR ?? 'dist';

/** The page's entry script, as index.html names it (`/labbook/assets/index-….js`). */
function entryScript(): string {
  const html = readFileSync(`${DIST}/index.html`, 'utf8');
  const src = /<script type="module"[^>]*src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error('index.html names no module script');
  return `/labbook/${src}`;
}

it('the entry that starts the kernel worker is small: the app arrives after the worker has started', () => {
  const closure = staticClosure(entryScript());
  const kb = closure.reduce((total, path) => total + gzipKB(path), 0);
  // The whole app (167 KB gzip) was in this closure, so the worker started only after it ran.
  expect(kb).toBeLessThan(20);
  const code = closure.map((path) =>
    readFileSync(`${DIST}/${path.replace(/^\/labbook\//, '')}`, 'utf8'),
  );
  expect(code.some((text) => /kernel\.worker-[\w-]+\.js/.test(text))).toBe(true);
});

it("the kernel worker's entry requests the cell transform's parser with its other chunks", () => {
  const entry = readdirSync(`${DIST}/assets`).find((f) => /^kernel\.worker-[\w-]+\.js$/.test(f));
  expect(entry).toBeDefined();
  const code = readFileSync(`${DIST}/assets/${entry}`, 'utf8');
  // Imported only by a chunk the entry imports, acorn was a second round trip before any run.
  expect(code).toMatch(/from\s*["']\.\/acorn-[\w-]+\.js["']|import\s*["']\.\/acorn-[\w-]+\.js["']/);
});

/** The kernel worker's performance marks (src/workers/kernel.worker.ts). */
async function kernelMarks(page: Page): Promise<string[]> {
  const kernel = page.workers().find((worker) => /kernel\.worker-/.test(worker.url()));
  if (!kernel) return [];
  return kernel.evaluate(() => performance.getEntriesByType('mark').map((mark) => mark.name));
}

it("a lesson's hidden setup runs while the student reads, before any Run is pressed", async () => {
  await inFreshPage(chromium(), async (page) => {
    await page.goto(`${inject('siteUrl')}#/lesson/${SECOND_LESSON}`);
    await cells(page).first().waitFor();
    await expect.poll(() => kernelMarks(page), { timeout: 20_000 }).toContain('kernel:setup-ran');
    expect(await kernelMarks(page)).not.toContain('kernel:run');
  });
}, 60_000);
