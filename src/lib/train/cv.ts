import type { Rng } from '../data/random';
import { take, takeRows, type Matrix } from './matrix';
import { TrainError } from './errors';
import { meanAndStd } from '../numeric/moments';

export interface Fold {
  train: Uint32Array;
  test: Uint32Array;
}

/**
 * k folds of 0…n−1. Unshuffled, folds are consecutive blocks sized like scikit-learn's KFold
 * (the first n mod k folds one larger), so scores match sklearn's. Shuffled, the permutation
 * comes from the seeded generator (sklearn's NumPy permutation cannot be reproduced here).
 */
export function kFold(n: number, k: number, rng?: Rng): Fold[] {
  if (k < 2 || k > n)
    throw new TrainError(
      'bad-folds',
      `k must be between 2 and the number of rows (${n}); got ${k}.`,
    );
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  if (rng)
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  const folds: Fold[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const test = order.slice(start, start + size);
    const train = Uint32Array.from([...order.subarray(0, start), ...order.subarray(start + size)]);
    folds.push({ train, test });
    start += size;
  }
  return folds;
}

export interface Fitted {
  predict(x: Matrix): Float64Array;
}

/** Scores of `fit` on each fold with `score(yTrue, yPred)`. */
export function crossValidate(
  fit: (x: Matrix, y: Float64Array) => Fitted,
  x: Matrix,
  y: Float64Array,
  folds: Fold[],
  score: (yTrue: Float64Array, yPred: Float64Array) => number,
): number[] {
  return folds.map(({ train, test }) => {
    const model = fit(takeRows(x, train), take(y, train));
    return score(take(y, test), model.predict(takeRows(x, test)));
  });
}

export interface GridResult<P> {
  candidates: { params: P; mean: number; std: number; scores: number[] }[];
  best: P;
}

/** Every candidate cross-validated on the same folds; the best has the lowest mean score. */
export function gridSearch<P>(
  grid: P[],
  make: (params: P) => (x: Matrix, y: Float64Array) => Fitted,
  x: Matrix,
  y: Float64Array,
  folds: Fold[],
  loss: (yTrue: Float64Array, yPred: Float64Array) => number,
): GridResult<P> {
  const candidates = grid.map((params) => {
    const scores = crossValidate(make(params), x, y, folds, loss);
    return { params, ...meanAndStd(scores), scores };
  });
  const best = candidates.reduce((a, b) => (b.mean < a.mean ? b : a)).params;
  return { candidates, best };
}
