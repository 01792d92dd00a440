import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvStream } from '../../../src/lib/data/csv';
import { valueAt } from '../../../src/lib/data/columnar';
import { mse } from '../../../src/lib/metrics';
import { kFold, gridSearch } from '../../../src/lib/train/cv';
import {
  fitLasso,
  fitRidge,
  fitRidgeStandardised,
  predictLinear,
} from '../../../src/lib/train/linear';
import { TrainError } from '../../../src/lib/train/errors';
import { fromRows, matrix, type Matrix } from '../../../src/lib/train/matrix';
import { applyOneHot, applyScaler, fitOneHot, fitScaler } from '../../../src/lib/train/preprocess';
import { closeTo, loadFixture } from '../monitoring/reference';

type Case = Record<string, unknown> & { name: string };
const cases = loadFixture<Case>('train.json').cases;
const get = (name: string) => cases.find((c) => c.name === name)!;

async function csv(path: string) {
  return (await parseCsvStream(new Response(readFileSync(path)).body!)).table;
}

/** The course's split of the real diabetes data: 353 train and 89 test rows. */
async function diabetes() {
  const data = await csv('datasets/diabetes/diabetes.csv');
  const split = await csv('datasets/diabetes/diabetes-course-split.csv');
  const marks = split.columns.find((c) => c.name === 'split')!;
  const features = data.columns.filter((c) => c.name !== 'target');
  const target = data.columns.find((c) => c.name === 'target')!;
  const pick = (which: string) => {
    const rows = Array.from({ length: data.rowCount }, (_, i) => i).filter(
      (i) => valueAt(marks, i) === which,
    );
    const x = fromRows(rows.map((i) => features.map((c) => valueAt(c, i) as number)));
    return { x, y: Float64Array.from(rows, (i) => valueAt(target, i) as number) };
  };
  return { train: pick('train'), test: pick('test') };
}

function expectClose(actual: ArrayLike<number>, expected: number[], rel: number, abs: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(
      closeTo(actual[i]!, expected[i]!, rel, abs),
      `[${i}] ${actual[i]} vs ${expected[i]}`,
    ).toBe(true);
}

describe('linear models against scikit-learn', () => {
  it("reproduces the course's diabetes numbers: train MSE 2868.55, test MSE 2900.19", async () => {
    const { train, test } = await diabetes();
    const ols = fitRidge(train.x, train.y, 0);
    const ref = get('ols');
    expectClose(ols.coef, ref.coef as number[], 1e-8, 1e-10);
    expect(closeTo(ols.intercept, ref.intercept as number, 1e-8)).toBe(true);
    const trainMse = mse(train.y, predictLinear(ols, train.x));
    const testMse = mse(test.y, predictLinear(ols, test.x));
    expect(trainMse.toFixed(2)).toBe('2868.55');
    expect(testMse.toFixed(2)).toBe('2900.19');
    expect(closeTo(testMse, ref.test_mse as number, 1e-9)).toBe(true);
  });

  it('matches StandardScaler, Ridge and Lasso for several alphas, raw and scaled', async () => {
    const { train } = await diabetes();
    const scaler = fitScaler(train.x);
    const ref = get('scaler');
    expectClose(scaler.mean, ref.mean as number[], 1e-12, 0);
    expectClose(scaler.scale, ref.scale as number[], 1e-12, 0);
    const scaled = applyScaler(scaler, train.x);
    for (const c of cases.filter((c) => c.model === 'ridge' || c.model === 'lasso')) {
      if (c.name.startsWith('grid')) continue;
      const x: Matrix = c.scaled ? scaled : train.x;
      const fit =
        c.model === 'ridge'
          ? fitRidge(x, train.y, c.alpha as number)
          : fitLasso(x, train.y, c.alpha as number);
      // Lasso stops at the same duality gap as sklearn, so it agrees to about 1e-6.
      expectClose(fit.coef, c.coef as number[], c.model === 'ridge' ? 1e-8 : 1e-5, 1e-6);
      expect(closeTo(fit.intercept, c.intercept as number, 1e-7, 1e-6), c.name).toBe(true);
    }
  });

  it('fits StandardScaler + Ridge from the raw Gram matrix as the scaled copy would', async () => {
    const { train } = await diabetes();
    const ref = get('scaler');
    for (const c of cases.filter((c) => c.model === 'ridge' && c.scaled)) {
      if (c.name.startsWith('grid')) continue;
      const { fit, scaler } = fitRidgeStandardised(train.x, train.y, c.alpha as number);
      expectClose(scaler.mean, ref.mean as number[], 1e-12, 0);
      expectClose(scaler.scale, ref.scale as number[], 1e-12, 0);
      expectClose(fit.coef, c.coef as number[], 1e-8, 1e-10);
      expect(closeTo(fit.intercept, c.intercept as number, 1e-10), c.name).toBe(true);
    }
    // Unpenalised, on scaled features, predictions equal plain least squares on raw ones.
    const { fit, scaler } = fitRidgeStandardised(train.x, train.y, 0);
    const raw = predictLinear(fitRidge(train.x, train.y, 0), train.x);
    const viaScaled = predictLinear(fit, applyScaler(scaler, train.x));
    expectClose(viaScaled, Array.from(raw), 1e-9, 1e-9);
  });

  it("gives GridSearchCV's mean scores with sklearn's unshuffled 5-fold split", async () => {
    const { train } = await diabetes();
    const x = applyScaler(fitScaler(train.x), train.x);
    const folds = kFold(train.x.rows, 5);
    const alphas = [0.01, 0.1, 1, 10];
    for (const model of ['ridge', 'lasso'] as const) {
      const ref = get(`grid ${model}`);
      const result = gridSearch(
        alphas,
        (alpha) => (xs, ys) => {
          const fit = model === 'ridge' ? fitRidge(xs, ys, alpha) : fitLasso(xs, ys, alpha);
          return { predict: (m) => predictLinear(fit, m) };
        },
        x,
        train.y,
        folds,
        mse,
      );
      expectClose(
        result.candidates.map((c) => -c.mean),
        ref.mean_test_score as number[],
        1e-6,
        1e-6,
      );
      expect(result.best).toBe(ref.best_alpha);
    }
  });

  it("one-hot encodes like sklearn's OneHotEncoder(handle_unknown='ignore')", () => {
    const ref = get('onehot');
    const state = fitOneHot('c', ['b', 'a', 'c', 'a']);
    expect(state.categories).toEqual(ref.categories);
    expect(Array.from(applyOneHot(state, ['c', 'a', 'z']).data)).toEqual(
      (ref.transform as number[][]).flat(),
    );
  });

  it('says why least squares fails on collinear features', () => {
    const x = matrix(4, 2, Float64Array.of(1, 2, 2, 4, 3, 6, 4, 8));
    expect(() => fitRidge(x, Float64Array.of(1, 2, 3, 4), 0)).toThrow(TrainError);
    expect(() => fitRidge(x, Float64Array.of(1, 2, 3, 4), 0)).toThrow(/collinear/);
    expect(fitRidge(x, Float64Array.of(1, 2, 3, 4), 1).coef[0]).toBeGreaterThan(0);
  });
});
