import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { fullTaxiCsv } from './full-taxi-file';
import type { BenchResult } from './report';

function chromiumPids(): Set<string> {
  const pids = new Set<string>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) pids.add(pid);
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

/**
 * Memory of the Chromium processes that are not in `others` (the browser launched for this
 * benchmark: browser, renderer, GPU, utilities), as proportional set size, so pages shared
 * between processes are counted once.
 */
function chromiumPssMB(others: Set<string>): number {
  let kb = 0;
  for (const pid of chromiumPids()) {
    if (others.has(pid)) continue;
    try {
      kb += Number(
        /Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0,
      );
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

/**
 * Import of the full-size Kaggle-schema CSV through the Data page (file input → data worker →
 * IndexedDB) against pandas.read_csv of the same file, on the same machine, in the same run.
 */
export async function benchImport(
  launch: () => Promise<Browser>,
  siteUrl: string,
): Promise<BenchResult[]> {
  const file = fullTaxiCsv();
  const sizeMB = statSync(file).size / 1024 / 1024;
  const pandas = JSON.parse(
    execFileSync('/usr/bin/python3', ['scripts/bench/pandas-read-csv.py', file], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    }),
  ) as { seconds: number; peakMB: number; rows: number; pandas: string };

  // A browser of its own, so the memory measured is this page's, not earlier benchmarks'.
  const others = chromiumPids();
  const browser = await launch();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${siteUrl}#/data`);
  // Long tasks on the main thread while the worker imports: the page must stay responsive.
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        (window as unknown as { longTasks: number[] }).longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  await page.getByLabel('Choose a CSV file').setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).waitFor();
  const baseline = chromiumPssMB(others);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, chromiumPssMB(others))), 100);
  const start = performance.now();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-summary').waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  const summary = await page.getByTestId('import-summary').innerText();
  const longTasks = await page.evaluate(
    () => (window as unknown as { longTasks: number[] }).longTasks,
  );
  await browser.close();
  if (!summary.includes(pandas.rows.toLocaleString('en-US')))
    throw new Error(`Import summary does not show ${pandas.rows} rows: ${summary}`);

  return [
    {
      name: `Import ${sizeMB.toFixed(0)} MB, ${pandas.rows.toLocaleString('en-US')}-row taxi CSV (Chromium, worker → IndexedDB)`,
      value: seconds,
      unit: 's',
      note: 'file input to stored data version, incl. type inference, datetimes, hashing and IndexedDB writes',
    },
    {
      name: `pandas ${pandas.pandas} read_csv of the same file`,
      value: pandas.seconds,
      unit: 's',
      note: 'Debian python3-pandas, parse_dates for both datetime columns; parsing only, nothing stored',
    },
    {
      name: 'Import time ÷ pandas time',
      value: seconds / pandas.seconds,
      unit: '×',
      target: { max: 2 },
    },
    {
      name: "Peak browser memory during import (the benchmark browser's processes, PSS)",
      value: peak,
      unit: 'MB',
      target: { max: 1536 },
      note: `${baseline.toFixed(0)} MB with the Data page open before the import, so the import itself took ${(peak - baseline).toFixed(0)} MB; pandas peak RSS ${pandas.peakMB.toFixed(0)} MB`,
    },
    {
      name: 'Longest main-thread task during import',
      value: Math.max(0, ...longTasks),
      unit: 'ms',
      target: { max: 50 },
      note: `${longTasks.length} long tasks (> 50 ms) observed`,
    },
  ];
}
