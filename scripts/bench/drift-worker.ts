import type { Browser } from 'playwright-core';
import { RUNS, relDiff, type ScipyRun } from './drift';
import { firstCellWith } from './kernel-cell';
import { longTasks, watchLongTasks } from './long-tasks';
import type { BenchResult } from './report';

/**
 * The same workload in the browser, on the same data: the columns drift.ts wrote (and scipy
 * read), fetched by a kernel cell and made into two arquero tables, then KS and PSI on the 7
 * numeric columns and chi-squared on the 3 categorical ones through `lab.monitoring.drift`. The
 * time runs from the first call to the last result — converting the tables, sorting, testing —
 * as a student's cell would see it; each run gets fresh tables over fresh arrays, so nothing
 * (conversion, sorted columns) is reused from the last. One warm-up, then the median of RUNS,
 * as on the Node and scipy sides. The page is watched meanwhile.
 */
const cell = (dataUrl: string) => `
const base = ${JSON.stringify(dataUrl)};
const RUNS = ${RUNS};
const meta = await (await fetch(base + 'meta.json')).json();
const bytes = async (file) => {
  const response = await fetch(base + file);
  if (!response.ok) throw new Error(file + ': ' + response.status);
  return response.arrayBuffer();
};
const raw = {};
for (const side of ['ref', 'cur']) {
  raw[side] = { numeric: {}, codes: {} };
  for (const name of meta.numeric) raw[side].numeric[name] = await bytes(name + '.' + side + '.f64');
  for (const { name } of meta.categorical)
    raw[side].codes[name] = new Uint8Array(await bytes(name + '.' + side + '.u8'));
}
const categorical = meta.categorical.map((c) => c.name);
// Text columns as the Python side has them before its clock starts: one string per row.
const table = (side) => {
  const cols = {};
  for (const name of meta.numeric) cols[name] = new Float64Array(raw[side].numeric[name].slice(0));
  for (const { name, dictionary } of meta.categorical)
    cols[name] = Array.from(raw[side].codes[name], (c) => dictionary[c]);
  return aq.table(cols);
};
const once = async () => {
  const ref = table('ref');
  const cur = table('cur');
  const t0 = performance.now();
  const ks = await lab.monitoring.drift(ref, cur, { columns: meta.numeric, test: 'ks' });
  const t1 = performance.now();
  const psi = await lab.monitoring.drift(ref, cur, { columns: meta.numeric, test: 'psi' });
  const t2 = performance.now();
  const chi = await lab.monitoring.drift(ref, cur, { columns: categorical, test: 'chisquare' });
  const t3 = performance.now();
  const s = (ms) => ms / 1000;
  return {
    seconds: { ks: s(t1 - t0), psi: s(t2 - t1), chi: s(t3 - t2), total: s(t3 - t0) },
    values: {
      ks: Object.fromEntries(ks.columns.map((c) => [c.column, [c.statistic, c.pValue]])),
      psi: Object.fromEntries(psi.columns.map((c) => [c.column, c.statistic])),
      chi: Object.fromEntries(chi.columns.map((c) => [c.column, [c.statistic, c.pValue]])),
    },
  };
};
await once();
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await once());
const median = (k) => runs.map((r) => r.seconds[k]).sort((a, b) => a - b)[RUNS >> 1];
JSON.stringify({
  seconds: { ks: median('ks'), psi: median('psi'), chi: median('chi'), total: median('total') },
  values: runs[0].values,
});
`;

type Seconds = ScipyRun['seconds'];

/** The worst relative difference between the worker's statistics and scipy's on the same files. */
function disagreement(ours: ScipyRun['values'], scipy: ScipyRun['values']): number {
  let worst = 0;
  const keys = (o: object) => Object.keys(o).sort().join(',');
  if (keys(ours.ks) !== keys(scipy.ks) || keys(ours.chi) !== keys(scipy.chi))
    throw new Error(
      `The worker tested other columns than scipy: ${keys(ours.ks)} ${keys(ours.chi)}.`,
    );
  for (const [name, [d, p]] of Object.entries(scipy.ks))
    worst = Math.max(worst, relDiff(ours.ks[name]![0], d), relDiff(ours.ks[name]![1], p));
  for (const [name, v] of Object.entries(scipy.psi))
    worst = Math.max(worst, relDiff(ours.psi[name]!, v));
  for (const [name, [x, p]] of Object.entries(scipy.chi))
    worst = Math.max(worst, relDiff(ours.chi[name]![0], x), relDiff(ours.chi[name]![1], p));
  return worst;
}

/** `dataUrl`: where the site serves the folder drift.ts wrote (ends with "/"). */
export async function benchDriftInWorker(
  browser: Browser,
  siteUrl: string,
  dataUrl: string,
  scipy: ScipyRun,
): Promise<BenchResult[]> {
  const page = await (await browser.newContext()).newPage();
  const code = await firstCellWith(page, siteUrl, 'data-and-concept-drift', cell(dataUrl));
  await watchLongTasks(page);
  await code.getByRole('button', { name: 'Run', exact: true }).click();
  const output = code
    .locator('.outputs pre.value')
    .or(code.locator('.outputs').getByText(/^\w*Error/))
    .first();
  await output.waitFor({ timeout: 600_000 });
  const text = await output.innerText();
  const tasks = await longTasks(page);
  await page.context().close();
  let ours: { seconds: Seconds; values: ScipyRun['values'] };
  try {
    ours = JSON.parse(text) as typeof ours;
  } catch {
    throw new Error(`The drift cell failed in the kernel worker: ${text}`);
  }
  const agree = disagreement(ours.values, scipy.values);
  if (!(agree < 1e-6))
    throw new Error(
      `The worker and scipy disagree (max relative difference ${agree}): not the same data?`,
    );
  const s = ours.seconds;
  return [
    {
      name: 'Ours in the kernel worker (Chromium): lab.monitoring.drift on two arquero tables, KS and PSI on 7 numeric + chi² on 3 categorical, from the first call to the last result',
      value: s.total,
      unit: 's',
      target: { max: 1.5 },
      note: `median of ${RUNS} on the columns scipy read; KS ${s.ks.toFixed(2)} s (incl. converting both tables and sorting), PSI ${s.psi.toFixed(2)} s (reuses the sorted columns), chi² ${s.chi.toFixed(2)} s; agrees with scipy to ${agree.toExponential(0)} relative`,
    },
    {
      name: 'Kernel worker ÷ scipy (time ratio, same data, same run)',
      value: s.total / scipy.seconds.total,
      unit: '×',
      target: { max: 2 },
    },
    {
      name: 'Longest main-thread task while the worker tests drift',
      value: Math.max(0, ...tasks),
      unit: 'ms',
      target: { max: 50 },
      note: `${tasks.length} long tasks (> 50 ms), loading the data included`,
    },
  ];
}
