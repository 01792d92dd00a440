import { beforeAll, describe, expect, it } from 'vitest';
import { mse, rmse } from '../../../../src/lib/metrics';
import { fitGbdt } from '../../../../src/lib/train/gbdt/boosting';
import type { GbdtParams } from '../../../../src/lib/train/gbdt/params';
import { predictTrees } from '../../../../src/lib/train/gbdt/predict';
import { sklearnHgb } from '../../../../scripts/bench/gbdt-sklearn';
import { diabetesRows, taxiRows, type Rows } from './fixtures';

/**
 * Ours against scikit-learn's HistGradientBoostingRegressor, same rows, same parameters, early
 * stopping off (sklearn's validation split comes from numpy's generator, which we do not copy).
 */
function compare(rows: Rows, params: Partial<GbdtParams>) {
  const ours = fitGbdt(rows.train, rows.yTrain, params);
  const pred = predictTrees(ours.baseline, ours.trees, rows.test);
  // One thread: the same trees, and no OpenMP spin-waiting on a busy machine.
  const ref = sklearnHgb(rows.train, rows.yTrain, rows.test, params, { threads: 1 });
  return { pred, ref, ours };
}

describe('gbdt against scikit-learn', () => {
  let diabetes: Rows;
  let taxi: Rows;
  beforeAll(async () => {
    [diabetes, taxi] = await Promise.all([diabetesRows(), taxiRows()]);
  }, 120_000);

  it('diabetes: test MSE within 1 % of sklearn (in fact the same predictions)', () => {
    const params = { early_stopping: false, max_iter: 100 };
    const { pred, ref } = compare(diabetes, params);
    const ours = mse(diabetes.yTest, pred);
    const theirs = mse(diabetes.yTest, ref.predictions);
    console.log(`diabetes test MSE: ours ${ours.toFixed(2)}, sklearn ${theirs.toFixed(2)}`);
    expect(Math.abs(ours - theirs) / theirs).toBeLessThan(0.01);
    // Same bins, same float32 gradients, same summation order: the same trees.
    for (let i = 0; i < pred.length; i++) expect(pred[i]).toBeCloseTo(ref.predictions[i]!, 6);
  }, 60_000);

  it('taxi (course features, log1p target): test RMSLE within 0.005 of sklearn', () => {
    const params = {
      early_stopping: false,
      max_iter: 100,
      l2_regularization: 1,
      min_samples_leaf: 40,
    };
    const { pred, ref } = compare(taxi, params);
    const ours = rmse(taxi.yTest, pred);
    const theirs = rmse(taxi.yTest, ref.predictions);
    console.log(`taxi test RMSLE: ours ${ours.toFixed(5)}, sklearn ${theirs.toFixed(5)}`);
    expect(Math.abs(ours - theirs)).toBeLessThan(0.005);
  }, 120_000);

  it('early stopping: on the rows sklearn holds out, the same rounds and predictions', () => {
    const params = {
      early_stopping: true,
      max_iter: 300,
      learning_rate: 0.3,
      n_iter_no_change: 5,
      validation_fraction: 0.2,
    };
    const ref = sklearnHgb(diabetes.train, diabetes.yTrain, diabetes.test, params, {
      seed: 7,
      threads: 1,
    });
    const ours = fitGbdt(diabetes.train, diabetes.yTrain, params, {
      validationRows: ref.validationRows!,
    });
    expect(ours.stoppedEarly).toBe(true);
    expect(ours.trees.length).toBe(ref.nIter);
    const pred = predictTrees(ours.baseline, ours.trees, diabetes.test);
    // sklearn trains on its shuffled split, so sums add in another order: equal to rounding.
    for (let i = 0; i < pred.length; i++) expect(pred[i]).toBeCloseTo(ref.predictions[i]!, 4);
  }, 60_000);
});
