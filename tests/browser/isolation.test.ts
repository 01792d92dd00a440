import { expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors, newContext, useChromium } from './chromium';
import { cells, openLesson, run, setCode, valueText } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

/** Counts the page's own loads: the first, and any reload. */
function countLoads(page: Page): () => number {
  let loads = 0;
  page.on('load', () => loads++);
  return () => loads;
}

const isolated = (page: Page) => page.evaluate(() => self.crossOriginIsolated);

it('reloads an untouched first visit once into cross-origin isolation; wasm trains with the threaded build and the run records its threads', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const loads = countLoads(page);
  const wasmFiles: string[] = [];
  context.on('request', (request) => {
    // The training worker's own fetch (the service worker's precache fetches every build).
    const file = /tfjs-backend-wasm[\w-]*?(?=-[\w-]{8}\.wasm$)/.exec(request.url());
    if (file && !request.serviceWorker()) wasmFiles.push(file[0]);
  });

  await page.goto(`${siteUrl}#/lesson/training-pipeline`);
  expect(await isolated(page)).toBe(false);
  await page.waitForFunction(() => self.crossOriginIsolated, undefined, { timeout: 60_000 });
  // The reloaded document is isolated from its first script on; its load event comes later.
  await expect.poll(loads).toBe(2);
  // The notice the reloaded-away page showed is shown again.
  await page.getByText('The Labbook is ready to work offline.').waitFor();
  // Once controlled, a reload is just a reload: isolated at once, and no second self-reload.
  await page.reload();
  expect(await isolated(page)).toBe(true);
  await page.waitForTimeout(1000);
  expect(loads()).toBe(3);

  await openLesson(page, siteUrl, 'training-pipeline');
  const first = cells(page).first();
  await setCode(
    first,
    "const { train } = await lab.ml.courseSplit();\nawait lab.tracking.startRun({ name: 'threads' });\nconst m = await lab.ml.fitMlp(train, { target: 'target', epochs: 2, backend: 'wasm' });\nawait lab.tracking.endRun();\nJSON.stringify([self.crossOriginIsolated, m.state.mlp.backend, m.state.mlp.threads]);",
  );
  await run(first);
  // TF.js gives XNNPACK half the logical cores, 1 to 8, once SharedArrayBuffer exists.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const threads = Math.min(8, Math.max(1, Math.floor(cores / 2)));
  expect(JSON.parse(await valueText(first))).toEqual([true, 'wasm', threads]);
  expect(wasmFiles).toEqual(['tfjs-backend-wasm-threaded-simd']);

  await page.goto(`${siteUrl}#/runs`);
  await page.getByRole('link', { name: 'threads' }).click();
  await expect
    .poll(() => page.getByRole('row', { name: /^wasm_threads/ }).innerText())
    .toMatch(new RegExp(`^wasm_threads\\s+${threads}$`));
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);

it('never reloads a page the student has touched: isolation waits for the next visit', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const loads = countLoads(page);
  await page.goto(`${siteUrl}#/lesson/training-pipeline`);
  // The student is there before the service worker has finished installing.
  await page.mouse.move(20, 20);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
  await page.waitForTimeout(1000);
  expect([loads(), await isolated(page)]).toEqual([1, false]);

  await page.reload();
  expect(await isolated(page)).toBe(true);
  await context.close();
}, 120_000);
