import { StatsError } from './errors';

function check(pValues: ArrayLike<number>): void {
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i]!;
    if (!(p >= 0 && p <= 1)) {
      throw new StatsError(
        'invalid-option',
        `p-value at index ${i} is ${p}; p-values must lie in [0, 1].`,
      );
    }
  }
}

/** Bonferroni-adjusted p-values min(1, p·m); `statsmodels multipletests(method='bonferroni')`. */
export function bonferroni(pValues: ArrayLike<number>): Float64Array {
  check(pValues);
  const m = pValues.length;
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) out[i] = Math.min(1, pValues[i]! * m);
  return out;
}

/**
 * Benjamini–Hochberg adjusted p-values (`statsmodels multipletests(method='fdr_bh')`,
 * `scipy.stats.false_discovery_control(method='bh')`): p_(i)·m/i, made monotone from the largest
 * down with a running minimum, capped at 1, returned in the input order.
 */
export function benjaminiHochberg(pValues: ArrayLike<number>): Float64Array {
  check(pValues);
  const m = pValues.length;
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (a, b) => pValues[a]! - pValues[b]! || a - b,
  );
  const out = new Float64Array(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r]!;
    running = Math.min(running, pValues[i]! / ((r + 1) / m));
    out[i] = running;
  }
  return out;
}
