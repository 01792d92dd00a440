import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { BenchResult } from './report';

const FIRST_LESSON = 'how-this-notebook-works';
const DIST = process.env['DIST_DIR'] ?? 'dist';

/** A script's transfer size as a static host would serve it (gzip), read from the build. */
const gzipKB = (path: string) =>
  gzipSync(readFileSync(join(DIST, path.replace(/^\/[^/]+\//, ''))), { level: 9 }).length / 1024;

/**
 * One cold visit: empty profile, no service worker, nothing cached. The student presses Run as
 * soon as the first cell shows its button, as in class; the kernel worker may still be starting.
 */
async function coldVisit(browser: Browser, siteUrl: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Every script the page and its dedicated workers fetch (the service worker's precache aside),
  // until the first result: what a first cell waits for.
  const scripts = new Set<string>();
  let recording = true;
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (recording && !request.serviceWorker() && path.endsWith('.js')) scripts.add(path);
  });
  const start = performance.now();
  await page.goto(`${siteUrl}#/lesson/${FIRST_LESSON}`);
  const firstCell = page.locator('section.cell').first();
  const runButton = firstCell.getByRole('button', { name: 'Run', exact: true });
  await runButton.waitFor();
  const interactiveMs = performance.now() - start;
  await runButton.click();
  await firstCell.locator('.outputs').first().waitFor();
  const firstResultMs = performance.now() - start;
  recording = false;
  // The page's own resource timeline lists what the main thread fetched, and each worker's entry
  // script (not its imports): the rest of the record is what the workers fetched.
  const pageScripts = new Set(
    await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.endsWith('.js') && !/\.worker-[\w-]+\.js$/.test(path)),
    ),
  );
  const main = [...scripts].filter((path) => pageScripts.has(path));
  const workers = [...scripts].filter((path) => !pageScripts.has(path));
  // The editor loads on the student's first input (src/components/cells/editor-loader.ts).
  const inputAt = performance.now();
  await page.mouse.move(10, 10);
  await page.locator('.cm-content').first().waitFor();
  const editorAfterInputMs = performance.now() - inputAt;
  await context.close();
  return { interactiveMs, firstResultMs, editorAfterInputMs, main, workers };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sum = (paths: string[]) => paths.reduce((total, path) => total + gzipKB(path), 0);
const listed = (paths: string[]) =>
  paths
    .map((path) => ({ name: path.split('/').pop()!, kb: gzipKB(path) }))
    .sort((a, b) => b.kb - a.kb)
    .map(({ name, kb }) => `${name} ${kb.toFixed(1)}`)
    .join(', ');

export async function benchColdLoad(browser: Browser, siteUrl: string): Promise<BenchResult[]> {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await coldVisit(browser, siteUrl));
  // The chunk lists of the median visit by total size (the same build gives the same lists).
  const byTotal = [...runs].sort(
    (a, b) => sum([...a.main, ...a.workers]) - sum([...b.main, ...b.workers]),
  );
  const typical = byTotal[Math.floor(byTotal.length / 2)]!;
  return [
    {
      name: 'First lesson interactive (cold load: rendered, first cell runnable)',
      value: median(runs.map((r) => r.interactiveMs)),
      unit: 'ms',
      target: { max: 1000 },
      note: 'median of 5 cold visits',
    },
    {
      name: 'First cell result (cold load → Run as soon as shown → output)',
      value: median(runs.map((r) => r.firstResultMs)),
      unit: 'ms',
      target: { max: 600 },
      note: 'median of 5; from navigation, includes the kernel worker start (Run is pressed as soon as it shows)',
    },
    {
      name: 'JavaScript before the first cell result: main thread + kernel worker (gzip)',
      value: Math.round(median(runs.map((r) => sum([...r.main, ...r.workers])))),
      unit: 'KB',
      target: { max: 250 },
      note: `median of 5; every script fetched until the first output. Main thread ${Math.round(sum(typical.main))} KB: ${listed(typical.main)}. Workers ${Math.round(sum(typical.workers))} KB: ${listed(typical.workers)}`,
    },
    {
      name: 'Main-thread JavaScript before the first cell result (gzip)',
      value: Math.round(median(runs.map((r) => sum(r.main)))),
      unit: 'KB',
      note: 'the page itself: app and lesson (the editor loads on first input)',
    },
    {
      name: 'Kernel worker JavaScript before the first cell result (gzip)',
      value: Math.round(median(runs.map((r) => sum(r.workers)))),
      unit: 'KB',
      note: 'the kernel entry and the chunks a plain cell needs; lab namespaces, Plot, arquero, TF.js and DuckDB load when a cell names them',
    },
    {
      name: "Editor ready after the student's first input",
      value: median(runs.map((r) => r.editorAfterInputMs)),
      unit: 'ms',
      note: 'median of 5, after the first result; CodeMirror loads on first input, cells show their code read-only until then',
    },
  ];
}
