import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { rmse } from '../../src/lib/metrics';
import { fitGbdt, type GbdtFitOptions } from '../../src/lib/train/gbdt/boosting';
import type { GbdtParams } from '../../src/lib/train/gbdt/params';
import { predictTrees } from '../../src/lib/train/gbdt/predict';
import { threadsFor } from '../../src/lib/train/gbdt/threads';
import { diabetesRows, taxiRows, type Rows } from '../../tests/unit/train/gbdt/fixtures';
import { nodeHistogramPool } from './gbdt-pool-node';
import { sklearnHgb } from './gbdt-sklearn';
import type { BenchResult } from './report';

const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median fit seconds over RUNS fits, and the last fit's test predictions. */
function timeFits(rows: Rows, params: Partial<GbdtParams>, options: GbdtFitOptions = {}) {
  const seconds: number[] = [];
  let pred: Float64Array = new Float64Array(0);
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const fit = fitGbdt(rows.train, rows.yTrain, params, options);
    seconds.push((performance.now() - t0) / 1000);
    pred = predictTrees(fit.baseline, fit.trees, rows.test);
  }
  return { seconds: median(seconds), pred };
}

/**
 * Fit time of our boosted trees against scikit-learn's HistGradientBoostingRegressor on the same
 * rows with the same parameters, in the same run. Ours as the app runs it: on a pool of threads
 * (src/workers/gbdt-pool.ts, here on worker_threads; in the app on workers) when threadsFor
 * says it pays on this machine's cores, else on one — and on one thread for reference. sklearn
 * with its default OpenMP threads (all cores) and with one. Each side's fit includes its binning;
 * ours excludes starting the pool's threads (reported in the note).
 */
async function compare(
  label: string,
  rows: Rows,
  params: Partial<GbdtParams>,
): Promise<BenchResult[]> {
  const threads = threadsFor(rows.train.rows, rows.train.cols, availableParallelism());
  const started = performance.now();
  const pool =
    threads > 1 ? await nodeHistogramPool(rows.train.rows, rows.train.cols, threads) : null;
  const startup = (performance.now() - started) / 1000;
  let app;
  try {
    app = timeFits(rows, params, pool ? { threads: pool.threads } : {});
  } finally {
    await pool?.close();
  }
  const one = timeFits(rows, params);
  const same = app.pred.every((v, i) => Object.is(v, one.pred[i]));
  const fast = Array.from({ length: RUNS }, () =>
    sklearnHgb(rows.train, rows.yTrain, rows.test, params),
  );
  const single = Array.from({ length: RUNS }, () =>
    sklearnHgb(rows.train, rows.yTrain, rows.test, params, { threads: 1 }),
  );
  const sk = median(fast.map((f) => f.seconds));
  const sk1 = median(single.map((f) => f.seconds));
  const shape = `${rows.train.rows.toLocaleString('en')} rows × ${rows.train.cols} features, ${params.max_iter} trees`;
  return [
    {
      name: `${label}: our fit as the app runs it, ${threads} thread${threads > 1 ? 's' : ''} (${shape})`,
      value: app.seconds,
      unit: 's',
      note: pool
        ? `pool of ${threads} threads started in ${startup.toFixed(2)} s; predictions ${same ? 'identical to' : 'DIFFER from'} one thread's`
        : 'one thread: too small for a pool to pay (threadsFor)',
    },
    { name: `${label}: our fit, 1 thread`, value: one.seconds, unit: 's' },
    {
      name: `${label}: sklearn ${fast[0]!.sklearn} fit, ${fast[0]!.threads} OpenMP threads`,
      value: sk,
      unit: 's',
    },
    { name: `${label}: sklearn fit, 1 thread`, value: sk1, unit: 's' },
    {
      name: `${label}: ours as the app runs it / sklearn (its default threads)`,
      value: app.seconds / sk,
      unit: '×',
      target: { max: 2 },
    },
    {
      name: `${label}: ours, 1 thread / sklearn, 1 thread`,
      value: one.seconds / sk1,
      unit: '×',
      note: `test RMSE: ours ${rmse(rows.yTest, app.pred).toPrecision(6)}, sklearn ${rmse(rows.yTest, fast[0]!.predictions).toPrecision(6)}`,
    },
  ];
}

export async function benchGbdt(): Promise<BenchResult[]> {
  const params = { max_iter: 100, early_stopping: false };
  const [taxi, diabetes] = await Promise.all([taxiRows(), diabetesRows()]);
  return [
    ...(await compare('taxi sample, course features', taxi, params)),
    ...(await compare('diabetes', diabetes, params)),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const results = await benchGbdt();
  if (process.argv.includes('--json')) console.log(JSON.stringify(results));
  else
    for (const r of results)
      console.log(`${r.name}: ${r.value.toFixed(3)} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
