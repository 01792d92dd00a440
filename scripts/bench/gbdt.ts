import { pathToFileURL } from 'node:url';
import { rmse } from '../../src/lib/metrics';
import { fitGbdt } from '../../src/lib/train/gbdt/boosting';
import type { GbdtParams } from '../../src/lib/train/gbdt/params';
import { predictTrees } from '../../src/lib/train/gbdt/predict';
import { diabetesRows, taxiRows, type Rows } from '../../tests/unit/train/gbdt/fixtures';
import { sklearnHgb } from './gbdt-sklearn';
import type { BenchResult } from './report';

const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Fit time of our boosted trees (here in Node; in the app the same code runs in the gbdt worker
 * on the same V8) against scikit-learn's HistGradientBoostingRegressor on the same rows with the
 * same parameters, in the same run: sklearn with its default OpenMP threads (all cores) and with
 * one, since ours is single-threaded. Each side's fit includes its binning.
 */
function compare(label: string, rows: Rows, params: Partial<GbdtParams>): BenchResult[] {
  const seconds: number[] = [];
  let pred: Float64Array = new Float64Array(0);
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const fit = fitGbdt(rows.train, rows.yTrain, params);
    seconds.push((performance.now() - t0) / 1000);
    pred = predictTrees(fit.baseline, fit.trees, rows.test);
  }
  const ours = median(seconds);
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
    { name: `${label}: our fit (${shape})`, value: ours, unit: 's' },
    {
      name: `${label}: sklearn ${fast[0]!.sklearn} fit, ${fast[0]!.threads} OpenMP threads`,
      value: sk,
      unit: 's',
    },
    { name: `${label}: sklearn fit, 1 thread`, value: sk1, unit: 's' },
    {
      name: `${label}: ours / sklearn (its default threads)`,
      value: ours / sk,
      unit: '×',
      target: { max: 2 },
    },
    {
      name: `${label}: ours / sklearn (1 thread)`,
      value: ours / sk1,
      unit: '×',
      note: `test RMSE: ours ${rmse(rows.yTest, pred).toPrecision(6)}, sklearn ${rmse(rows.yTest, fast[0]!.predictions).toPrecision(6)}`,
    },
  ];
}

export async function benchGbdt(): Promise<BenchResult[]> {
  const params = { max_iter: 100, early_stopping: false };
  const [taxi, diabetes] = await Promise.all([taxiRows(), diabetesRows()]);
  return [
    ...compare('taxi sample, course features', taxi, params),
    ...compare('diabetes', diabetes, params),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const results = await benchGbdt();
  if (process.argv.includes('--json')) console.log(JSON.stringify(results));
  else
    for (const r of results)
      console.log(`${r.name}: ${r.value.toFixed(3)} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
