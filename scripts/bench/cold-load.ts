import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { BenchResult } from './report';

const FIRST_LESSON = 'how-this-notebook-works';

/** One cold visit: empty profile, no service worker, nothing cached. */
async function coldVisit(browser: Browser, siteUrl: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let initialJsGzip = 0;
  let countingJs = true;
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!countingJs || !type.includes('javascript')) return;
    // Bodies are gzipped here, as any static host would serve them, to count transfer size.
    void response.body().then(
      (body) => (initialJsGzip += gzipSync(body, { level: 9 }).length),
      () => undefined,
    );
  });
  const start = performance.now();
  await page.goto(`${siteUrl}#/lesson/${FIRST_LESSON}`);
  // Interactive: the lesson is rendered and its first cell can be run. The editor itself loads on
  // the student's first input (src/components/cells/editor-loader.ts), measured separately below.
  const firstCell = page.locator('section.cell').first();
  await firstCell.getByRole('button', { name: 'Run', exact: true }).waitFor();
  const interactiveMs = performance.now() - start;
  // The kernel worker starts with the lesson, but its scripts may arrive just before or just after
  // the first cell is runnable: count until the kernel says it is ready, so no race decides.
  await page.getByTestId('kernel-status').filter({ hasText: 'Kernel idle' }).waitFor();
  countingJs = false;
  // The page's resource timeline lists what the page fetched, including each worker's entry
  // script (not its imports); worker scripts run off the main thread, so they are left out.
  const mainThreadJs = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => name.endsWith('.js') && !/\.worker-[\w-]+\.js$/.test(name)),
  );
  const mainThreadJsGzip = mainThreadJs
    .map((url) =>
      readFileSync(
        join(process.env['DIST_DIR'] ?? 'dist', new URL(url).pathname.replace(/^\/[^/]+\//, '')),
      ),
    )
    .reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
  const inputAt = performance.now();
  await page.mouse.move(10, 10);
  await page.locator('.cm-content').first().waitFor();
  const editorAfterInputMs = performance.now() - inputAt;
  await firstCell.getByRole('button', { name: 'Run', exact: true }).click();
  await page.locator('.outputs').first().waitFor();
  const firstResultMs = performance.now() - start;
  await page.waitForTimeout(200);
  await context.close();
  return { interactiveMs, editorAfterInputMs, firstResultMs, initialJsGzip, mainThreadJsGzip };
}

export async function benchColdLoad(browser: Browser, siteUrl: string): Promise<BenchResult[]> {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await coldVisit(browser, siteUrl));
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return [
    {
      name: 'First lesson interactive (cold load: rendered, first cell runnable)',
      value: median(runs.map((r) => r.interactiveMs)),
      unit: 'ms',
      target: { max: 1000 },
      note: 'median of 5 cold visits',
    },
    {
      name: "Editor ready after the student's first input",
      value: median(runs.map((r) => r.editorAfterInputMs)),
      unit: 'ms',
      note: 'median of 5; CodeMirror loads on first input, cells show their code read-only until then',
    },
    {
      name: 'First cell result (cold load → Run → output)',
      value: median(runs.map((r) => r.firstResultMs)),
      unit: 'ms',
      note: 'median of 5; includes kernel worker start',
    },
    {
      name: 'Main-thread JavaScript before first interaction (gzip)',
      value: Math.round(median(runs.map((r) => r.mainThreadJsGzip)) / 1024),
      unit: 'KB',
      target: { max: 250 },
      note: 'the page itself: app and lesson (the editor loads on first input)',
    },
    {
      name: 'All JavaScript before first interaction, incl. the kernel worker (gzip)',
      value: Math.round(median(runs.map((r) => r.initialJsGzip)) / 1024),
      unit: 'KB',
      note: 'the kernel worker (Arquero, Plot, linkedom) starts with the lesson, off the main thread; TensorFlow.js loads only when a cell uses it',
    },
  ];
}
