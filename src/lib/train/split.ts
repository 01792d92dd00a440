import { createRng } from '../data/random';

/**
 * A seeded random train/test split of `n` rows: a Fisher–Yates shuffle, then the first
 * round(n · testSize) rows are the test set. Indices come back ascending, so row order is kept.
 * The same seed always gives the same split.
 */
export function splitIndices(
  n: number,
  testSize: number,
  seed: number,
): { train: number[]; test: number[] } {
  const rng = createRng(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const testCount = Math.round(n * testSize);
  const ascending = (a: number, b: number) => a - b;
  return {
    test: order.slice(0, testCount).sort(ascending),
    train: order.slice(testCount).sort(ascending),
  };
}
