import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { BenchResult } from './report';

const FIRST_LESSON = 'how-this-notebook-works';
const DIST = process.env['DIST_DIR'] ?? 'dist';

// Paths as served under the site's base (/labbook/assets/x.js), read from the build.
const fileOf = (path: string) => join(DIST, path.replace(/^\/[^/]+\//, ''));
/** A script's transfer size as a static host would serve it (gzip), read from the build. */
const gzipKB = (path: string) => gzipSync(readFileSync(fileOf(path)), { level: 9 }).length / 1024;

/** A chunk and every chunk it imports statically: what must arrive before it can run. */
function staticClosure(entry: string): string[] {
  const seen = new Set<string>();
  const base = entry.slice(0, entry.lastIndexOf('/') + 1);
  const pending = [entry.split('/').pop()!];
  while (pending.length) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const code = readFileSync(join(DIST, 'assets', name), 'utf8');
    for (const [, from] of code.matchAll(
      /\bimport\s*(?:[\w$*{},\s]+from\s*)?["']\.\/([^"']+)["']/g,
    ))
      pending.push(from!);
  }
  return [...seen].map((name) => base + name);
}

/** Scripts in a timeline (the page's or a worker's), by path. */
const scriptsOf = (target: Pick<Page, 'evaluate'>) =>
  target.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.endsWith('.js')),
  );

/** The kernel worker's marks (src/workers/kernel.worker.ts), in ms since the page's navigation. */
async function kernelMarks(page: Page): Promise<Record<string, number>> {
  const pageOrigin = await page.evaluate(() => performance.timeOrigin);
  const kernel = page.workers().find((worker) => /kernel\.worker-/.test(worker.url()));
  if (!kernel) return {};
  const { origin, marks, scripts } = await kernel.evaluate(() => ({
    origin: performance.timeOrigin,
    marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const),
    // When the worker's own scripts had all arrived (its entry is fetched by the page).
    scripts: Math.max(
      0,
      ...performance
        .getEntriesByType('resource')
        .map((r) => (r as PerformanceResourceTiming).responseEnd),
    ),
  }));
  const shift = origin - pageOrigin;
  const out: Record<string, number> = {
    'kernel:started': shift,
    'kernel:scripts-in': shift + scripts,
  };
  for (const [name, at] of marks) out[name] ??= shift + at;
  return out;
}

/**
 * One cold visit: empty profile, no service worker, nothing cached. The student presses Run as
 * soon as the first cell shows its button, as in class; the kernel worker may still be starting.
 */
async function coldVisit(browser: Browser, siteUrl: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Every script the page and its dedicated workers fetch until the first result (the service
  // worker's precache aside): other workers the page starts at load show up here too.
  const fetched = new Set<string>();
  let recording = true;
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (recording && !request.serviceWorker() && path.endsWith('.js')) fetched.add(path);
  });
  const start = performance.now();
  await page.goto(`${siteUrl}#/lesson/${FIRST_LESSON}`);
  const firstCell = page.locator('section.cell').first();
  const runButton = firstCell.getByRole('button', { name: 'Run', exact: true });
  await runButton.waitFor();
  const interactiveMs = performance.now() - start;
  // The page's scripts so far: a click is an input, which loads the editor (not needed to run).
  const pageScripts = await scriptsOf(page);
  const kernelEntry = pageScripts.find((path) => /\/kernel\.worker-[\w-]+\.js$/.test(path));
  await runButton.click();
  await firstCell.locator('.outputs').first().waitFor();
  const firstResultMs = performance.now() - start;
  recording = false;
  const marks = await kernelMarks(page);
  const kernel = kernelEntry
    ? staticClosure(kernelEntry)
    : [...fetched].filter((p) => /kernel\.worker-/.test(p));
  // The page's timeline also lists the chunks of the worker it starts: each counts once, as the
  // kernel's (they are the same files, fetched once).
  const main = [...new Set(pageScripts)].filter(
    (path) => !/\.worker-[\w-]+\.js$/.test(path) && !kernel.includes(path),
  );
  // The rest of what was fetched by the first result: the workers' scripts (the kernel's storage
  // services, other workers the page starts) and the editor, which the click on Run loads.
  const laterScripts = [...fetched].filter(
    (path) => !main.includes(path) && !kernel.includes(path),
  );
  const inputAt = performance.now();
  await page.mouse.move(10, 10);
  await page.locator('.cm-content').first().waitFor();
  const editorAfterInputMs = performance.now() - inputAt;
  await context.close();
  return { interactiveMs, firstResultMs, editorAfterInputMs, main, kernel, laterScripts, marks };
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
  const byResult = [...runs].sort((a, b) => a.firstResultMs - b.firstResultMs);
  const typical = byResult[Math.floor(byResult.length / 2)]!;
  const timeline = Object.entries(typical.marks)
    .sort((a, b) => a[1] - b[1])
    .map(([name, at]) => `${name} ${Math.round(at)}`)
    .join(', ');
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
      note: `median of 5, from navigation; Run is pressed as soon as it shows, so this includes the kernel worker's start. The median visit's kernel timeline (ms): ${timeline}`,
    },
    {
      name: 'JavaScript before the first cell can run: main thread + kernel worker entry chunks, each once (gzip)',
      value: Math.round(median(runs.map((r) => sum(r.main) + sum(r.kernel)))),
      unit: 'KB',
      target: { max: 250 },
      note: `median of 5. Main thread ${Math.round(sum(typical.main))} KB (fetched before the first input): ${listed(typical.main)}. Kernel worker ${Math.round(sum(typical.kernel))} KB (its entry and every chunk it imports statically): ${listed(typical.kernel)}`,
    },
    {
      name: 'Other scripts fetched before the first cell result (gzip)',
      value: Math.round(median(runs.map((r) => sum(r.laterScripts)))),
      unit: 'KB',
      note: `median of 5; not needed by a plain cell: the kernel's storage services (fetched alongside), other workers the page starts, and the editor the click on Run loads: ${listed(typical.laterScripts)}`,
    },
    {
      name: "Editor ready after the student's first input",
      value: median(runs.map((r) => r.editorAfterInputMs)),
      unit: 'ms',
      note: 'median of 5, after the first result; CodeMirror loads on first input, cells show their code read-only until then',
    },
  ];
}
