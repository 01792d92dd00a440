import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { exportWorkspace, openDatabase } from '../../src/lib/store';
import { dexieTrackingPort } from '../../src/lib/store/tracking-port';
import { Tracker } from '../../src/lib/tracking';
import { longTasks, watchLongTasks } from './long-tasks';
import type { BenchResult } from './report';

const RUNS = 1000;
const STEPS = 100;

/**
 * A workspace with 1,000 runs × 100 metric steps (two metrics, so 200,000 points), written with
 * the real store and exported as a real workspace file, for the browser to import.
 */
async function workspaceWithManyRuns(): Promise<string> {
  const db = openDatabase();
  await db.open();
  const tracker = new Tracker(dexieTrackingPort(db));
  await tracker.setExperiment('sweep-at-scale');
  for (let r = 0; r < RUNS; r++) {
    await tracker.startRun({ name: `trial ${r + 1}`, tags: { sweep: 'bench' } });
    await tracker.logParams({ alpha: 10 ** ((r % 7) - 3), hidden: 8 * ((r % 4) + 1) });
    for (let step = 0; step < STEPS; step++)
      await tracker.logMetrics(
        { loss: 1 / (step + 1) + (r % 13) / 100, val_loss: 1.1 / (step + 1) + (r % 11) / 90 },
        step,
      );
    await tracker.endRun();
  }
  const path = join(tmpdir(), 'labbook-bench-1000-runs.zip');
  writeFileSync(path, await exportWorkspace(db));
  db.close();
  return path;
}

async function expect500(page: Page): Promise<void> {
  const rows = page.getByTestId('runs').locator('tbody tr');
  for (let i = 0; i < 200 && (await rows.count()) !== 500; i++) await page.waitForTimeout(50);
}

export async function benchManyRuns(browser: Browser, siteUrl: string): Promise<BenchResult[]> {
  const file = await workspaceWithManyRuns();
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${siteUrl}#/workspace`);
  await page.getByLabel('Workspace file').setInputFiles(file);
  await page.getByTestId('inspection').filter({ hasText: 'Valid workspace file' }).waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-report').waitFor({ timeout: 120_000 });

  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${siteUrl}#/`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const start = performance.now();
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page
      .getByTestId('runs')
      .locator(`tbody tr:nth-child(${RUNS})`)
      .waitFor({ timeout: 60_000 });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);

  // Compare 500 runs: select them and chart one metric's 100 steps for each.
  await watchLongTasks(page);
  const started = performance.now();
  await page.getByLabel('Filter').fill("params.hidden IN ('8', '16')");
  await expect500(page);
  await page.getByLabel('Select all shown runs').check();
  await page.getByLabel('Metric to compare').selectOption('loss');
  await page
    .getByRole('figure', { name: /loss by step/ })
    .locator('svg')
    .first()
    .waitFor({ timeout: 120_000 });
  const compareMs = performance.now() - started;
  const tasks = await longTasks(page);
  await page.context().close();
  return [
    {
      name: `Runs page with ${RUNS.toLocaleString('en')} runs × ${STEPS} steps opens (click → every row rendered)`,
      value: times[1]!,
      unit: 'ms',
      target: { max: 500 },
      note: `median of 3 (${times.map((t) => t.toFixed(0)).join(', ')} ms); runs imported from a workspace file`,
    },
    {
      name: 'Compare 500 runs: filter to them, select all, chart 100 steps each',
      value: compareMs,
      unit: 'ms',
      note: '50,000 points read from IndexedDB and charted',
    },
    {
      name: 'Longest main-thread task while comparing 500 runs',
      value: Math.max(0, ...tasks),
      unit: 'ms',
      note: `${tasks.length} long tasks (> 50 ms)`,
    },
  ];
}
