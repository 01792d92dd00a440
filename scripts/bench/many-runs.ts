import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { workspaceWithManyRuns } from '../../tests/browser/many-runs';
import { longTasks, watchLongTasks } from './long-tasks';
import type { BenchResult } from './report';

const RUNS = 1000;
const STEPS = 100;
const median = (times: number[]) => [...times].sort((a, b) => a - b)[times.length >> 1]!;
const list = (times: number[]) => times.map((t) => t.toFixed(0)).join(', ');

/**
 * The table builds only the rows in view, so "open" is: the status counts every run and the
 * first rows are there. Written to hold for a table that builds every row too, so a build from
 * before the windowing can be measured the same way.
 */
async function opened(page: Page, runs: number): Promise<void> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  await page.evaluate(async (n) => {
    const end = performance.now() + 60_000;
    let shown = false;
    // Checked as each frame begins; a task queued then runs once that frame is laid out and painted.
    while (!shown && performance.now() < end) {
      await new Promise((frame) => requestAnimationFrame(frame));
      shown =
        [...document.querySelectorAll('[role="status"]')].some((s) =>
          s.textContent?.trim().startsWith(`${n} runs`),
        ) && document.querySelector('[data-testid="runs"] tbody tr a') !== null;
    }
    if (!shown) throw new Error(`The status never said ${n} runs.`);
    await new Promise((painted) => setTimeout(painted));
  }, runs);
}

/**
 * Filters the open Runs page to 500 runs, selects them all and, with `chart`, picks that chart;
 * done when the comparison's table and chart are drawn. The time and the long tasks meanwhile.
 */
async function compare(
  page: Page,
  chart: 'history' | null,
): Promise<{ ms: number; tasks: number[] }> {
  const since = await page.evaluate(() => performance.now());
  const started = performance.now();
  await page.getByLabel('Filter').fill("params.hidden IN ('8', '16')");
  await opened(page, 500);
  await page.getByLabel('Select all shown runs').check();
  if (chart) await page.getByLabel('Chart', { exact: true }).selectOption(chart);
  const figure =
    chart === 'history'
      ? page.getByRole('figure', { name: /loss by step/ })
      : page.getByRole('figure', { name: 'final loss of the selected runs' });
  await figure.locator('svg').first().waitFor({ timeout: 120_000 });
  await page.getByTestId('compare-table').locator('thead th').nth(1).waitFor();
  const ms = performance.now() - started;
  // A task still running when the chart appeared is counted once it ends.
  await page.evaluate(() => new Promise((done) => setTimeout(done, 100)));
  return { ms, tasks: await longTasks(page, since) };
}

export async function benchManyRuns(browser: Browser, siteUrl: string): Promise<BenchResult[]> {
  const file = join(tmpdir(), 'labbook-bench-1000-runs.zip');
  writeFileSync(file, await workspaceWithManyRuns(RUNS, STEPS));
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${siteUrl}#/workspace`);
  await page.getByLabel('Workspace file').setInputFiles(file);
  await page.getByTestId('inspection').filter({ hasText: 'Valid workspace file' }).waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-report').waitFor({ timeout: 120_000 });

  const open: number[] = [];
  const toEnd: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${siteUrl}#/`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const start = performance.now();
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await opened(page, RUNS);
    open.push(performance.now() - start);

    // The newest run is first: the end of the table is the first run started.
    const scrolled = performance.now();
    await page.getByTestId('runs').evaluate((table) => {
      const box = table.parentElement!;
      box.scrollTop = box.scrollHeight;
    });
    await page
      .getByTestId('runs')
      .locator(`tbody tr[aria-rowindex="${RUNS + 1}"]`)
      .getByRole('link', { name: 'trial 1', exact: true })
      .waitFor({ timeout: 60_000 });
    toEnd.push(performance.now() - scrolled);
  }

  // Compare 500 runs as the page opens the comparison: the side-by-side table and the default
  // chart of the primary metric (bars of final values: no history is read). Then the same 500
  // runs with their histories overlaid: 100 steps each, read and charted. Each 3 times, from a
  // Runs page opened afresh (a comparison is drawn once per selection).
  await watchLongTasks(page);
  const first: Awaited<ReturnType<typeof compare>>[] = [];
  const history: Awaited<ReturnType<typeof compare>>[] = [];
  for (const [chart, times] of [
    [null, first],
    ['history', history],
  ] as const)
    for (let i = 0; i < 3; i++) {
      await page.goto(`${siteUrl}#/`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.getByRole('link', { name: 'Runs', exact: true }).click();
      await opened(page, RUNS);
      times.push(await compare(page, chart));
    }
  await page.context().close();
  return [
    {
      name: `Runs page with ${RUNS.toLocaleString('en')} runs × ${STEPS} steps opens (click → first rows shown, status counts ${RUNS.toLocaleString('en')} runs)`,
      value: median(open),
      unit: 'ms',
      target: { max: 500 },
      note: `median of 5 (${list(open)} ms); runs imported from a workspace file; the table builds the rows in view`,
    },
    {
      name: `Runs table scrolled to its end → the ${RUNS.toLocaleString('en')}th run's row shown`,
      value: median(toEnd),
      unit: 'ms',
      note: `median of 5 (${list(toEnd)} ms)`,
    },
    {
      name: 'Compare 500 runs: filter to them, select all → side-by-side table and default chart of the primary metric',
      value: median(first.map((c) => c.ms)),
      unit: 'ms',
      target: { max: 300 },
      note: `median of 3 (${list(first.map((c) => c.ms))} ms); bars of each run’s final loss, from the run rows; table columns built as scrolled to; Plot and the compare worker warmed while the Runs page was idle; the parallel-coordinates chart below waits for an idle page`,
    },
    {
      name: 'Longest main-thread task while opening the 500-run comparison',
      value: Math.max(0, ...first.flatMap((c) => c.tasks)),
      unit: 'ms',
      target: { max: 50 },
      note: `${first.flatMap((c) => c.tasks).length} long tasks (> 50 ms) over 3 comparisons`,
    },
    {
      name: 'Compare 500 runs: filter to them, select all, chart 100 steps each',
      value: median(history.map((c) => c.ms)),
      unit: 'ms',
      target: { max: 300 },
      note: `median of 3 (${list(history.map((c) => c.ms))} ms); 50,000 points in 500 rows (a run’s history of a metric is one row per 1,000 steps) read from IndexedDB in one transaction in the compare worker, from the moment the runs are selected; each run’s path built there in one box, placed on the page with one transform; chosen at once after selecting`,
    },
    {
      name: 'Longest main-thread task while charting 500 runs × 100 steps',
      value: Math.max(0, ...history.flatMap((c) => c.tasks)),
      unit: 'ms',
      target: { max: 50 },
      note: `${history.flatMap((c) => c.tasks).length} long tasks (> 50 ms) over 3 comparisons`,
    },
  ];
}
