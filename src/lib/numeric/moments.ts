/** The arithmetic mean, summed in order (NaN when there are no values). */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/**
 * Mean and population standard deviation (ddof = 0, numpy's and scikit-learn's StandardScaler
 * default), in two passes: as accurate as Welford's without a division per value.
 */
export function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - m;
    ss += d * d;
  }
  return { mean: m, std: Math.sqrt(ss / values.length) };
}

/**
 * Welford's one pass: count, mean and the sum of squared deviations (M2), without catastrophic
 * cancellation on large values such as epoch milliseconds. Sample std (ddof = 1, pandas' and
 * Great Expectations') is sqrt(m2 / (n - 1)).
 */
export function welford(values: ArrayLike<number>): { n: number; mean: number; m2: number } {
  let m = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const delta = values[i]! - m;
    m += delta / (i + 1);
    m2 += delta * (values[i]! - m);
  }
  return { n: values.length, mean: m, m2 };
}

/** Sample standard deviation (ddof = 1); NaN below two values. */
export const sampleStd = (w: { n: number; m2: number }): number =>
  w.n > 1 ? Math.sqrt(w.m2 / (w.n - 1)) : NaN;
