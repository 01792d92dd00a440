import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitGbdt, type GbdtFit } from '../../../../src/lib/train/gbdt/boosting';
import { predictTrees } from '../../../../src/lib/train/gbdt/predict';
import { planThreads, threadsFor } from '../../../../src/lib/train/gbdt/threads';
import { GbdtError } from '../../../../src/lib/train/gbdt/errors';
import { featureRange, poolMemory, pooledHistograms } from '../../../../src/workers/gbdt-pool';
import {
  nodeHistogramPool,
  startNodeHelpers,
  type NodePool,
} from '../../../../scripts/bench/gbdt-pool-node';
import { diabetesRows, taxiRows, type Rows } from './fixtures';

/** Every array of every tree, the baseline and the predictions: equal to the bit. */
function expectIdentical(one: GbdtFit, pooled: GbdtFit, rows: Rows) {
  expect(pooled.baseline).toBe(one.baseline);
  expect(pooled.trees.length).toBe(one.trees.length);
  pooled.trees.forEach((tree, t) => {
    for (const key of Object.keys(tree) as (keyof typeof tree)[])
      expect(Array.from(tree[key]), `tree ${t}, ${key}`).toEqual(Array.from(one.trees[t]![key]));
  });
  expect(Array.from(pooled.importances)).toEqual(Array.from(one.importances));
  const a = predictTrees(one.baseline, one.trees, rows.test);
  const b = predictTrees(pooled.baseline, pooled.trees, rows.test);
  expect(Array.from(b)).toEqual(Array.from(a));
}

describe('boosted trees on a pool of threads (src/workers/gbdt-pool.ts on worker_threads)', () => {
  let taxi: Rows;
  let diabetes: Rows;
  const pools: NodePool[] = [];
  beforeAll(async () => {
    [taxi, diabetes] = await Promise.all([taxiRows(), diabetesRows()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('taxi sample: the same trees and predictions as one thread, to the bit', async () => {
    const params = { max_iter: 30, early_stopping: false };
    // Every partition shared too (the app shares only the biggest).
    const pool = await nodeHistogramPool(taxi.train.rows, taxi.train.cols, 2, undefined, 0);
    pools.push(pool);
    const one = fitGbdt(taxi.train, taxi.yTrain, params);
    const pooled = fitGbdt(taxi.train, taxi.yTrain, params, { threads: pool.threads });
    expectIdentical(one, pooled, taxi);
    // Early stopping trains on fewer rows than the pool was sized for: views, not copies.
    const stop = { max_iter: 40, early_stopping: true, n_iter_no_change: 3, learning_rate: 0.5 };
    expectIdentical(
      fitGbdt(taxi.train, taxi.yTrain, stop),
      fitGbdt(taxi.train, taxi.yTrain, stop, { threads: pool.threads }),
      taxi,
    );
  }, 120_000);

  it('diabetes, every node shared by 3 threads: the same trees, to the bit', async () => {
    const params = { max_iter: 50, early_stopping: false, min_samples_leaf: 5 };
    const pool = await nodeHistogramPool(diabetes.train.rows, diabetes.train.cols, 3, 0, 0);
    pools.push(pool);
    expectIdentical(
      fitGbdt(diabetes.train, diabetes.yTrain, params),
      fitGbdt(diabetes.train, diabetes.yTrain, params, { threads: pool.threads }),
      diabetes,
    );
  }, 60_000);

  it('a helper that fails mid-fit fails the fit with a clear error, instead of wrong trees or a hang', async () => {
    const memory = poolMemory(diabetes.train.rows, diabetes.train.cols, 2);
    // The helper's view of the binned rows is too short: building its features throws there.
    const helpers = await startNodeHelpers({ ...memory, bins: new SharedArrayBuffer(8) });
    const threads = pooledHistograms(memory, 0);
    try {
      let error: unknown;
      try {
        fitGbdt(diabetes.train, diabetes.yTrain, { max_iter: 5 }, { threads });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GbdtError);
      expect((error as GbdtError).code).toBe('pool');
      expect((error as GbdtError).message).toMatch(
        /A tree-training thread failed on its share of a node .* Train again/,
      );
    } finally {
      threads.close();
      await Promise.all(helpers.map((w) => w.terminate()));
    }
  }, 60_000);

  it('features split in contiguous ranges covering each once; small fits use one thread', () => {
    for (const [p, k] of [
      [13, 2],
      [10, 3],
      [3, 3],
      [7, 4],
    ] as const) {
      const ranges = Array.from({ length: k }, (_, t) => featureRange(p, k, t));
      expect(ranges[0]![0]).toBe(0);
      expect(ranges[k - 1]![1]).toBe(p);
      ranges.slice(1).forEach(([from], t) => expect(from).toBe(ranges[t]![1]));
    }
    expect(threadsFor(331, 10, 2)).toBe(1);
    expect(threadsFor(75_000, 13, 2)).toBe(2);
    expect(threadsFor(75_000, 13, 16)).toBe(8);
    expect(threadsFor(75_000, 1, 4)).toBe(1);
  });

  it('the plan says why a fit runs on one thread: small data, one core, or no cross-origin isolation', () => {
    expect(planThreads(75_000, 13, 2, true)).toEqual({ threads: 2, note: 'on 2 threads' });
    expect(planThreads(331, 10, 2, true).note).toBe(
      'on 1 thread (331 rows × 10 features is too small for more to pay)',
    );
    expect(planThreads(75_000, 13, 1, true).note).toBe(
      'on 1 thread (this machine reports one core)',
    );
    const plain = planThreads(75_000, 13, 4, false);
    expect(plain.threads).toBe(1);
    expect(plain.note).toMatch(/not cross-origin isolated, so threads cannot share memory/);
  });
});
