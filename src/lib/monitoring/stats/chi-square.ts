import { type Category, countCategories, requireBothSamples } from './categories';
import { StatsError } from './errors';
import { chi2Sf } from './special/gamma';

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  dof: number;
}

/**
 * Pearson goodness-of-fit, `scipy.stats.chisquare(observed, expected)`: Σ (o - e)² / e with
 * k - 1 degrees of freedom. A cell with e = 0 and o > 0 makes the statistic Infinity (p = 0), as
 * in scipy; cells with o = e = 0 are skipped (scipy would return NaN). With one cell the test
 * has no degrees of freedom: statistic 0 and p-value 1 are returned.
 */
export function chiSquare(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): ChiSquareResult {
  const k = observed.length;
  if (k === 0 || expected.length !== k) {
    throw new StatsError(
      'invalid-count',
      `chiSquare needs observed and expected counts of the same non-zero length (got ${k} and ${expected.length}).`,
    );
  }
  let statistic = 0;
  let sumObs = 0;
  let sumExp = 0;
  for (let i = 0; i < k; i++) {
    const o = observed[i]!;
    const e = expected[i]!;
    if (!(o >= 0) || !(e >= 0) || !Number.isFinite(o) || !Number.isFinite(e)) {
      throw new StatsError(
        'invalid-count',
        `Count at index ${i} is not a finite non-negative number (observed ${o}, expected ${e}).`,
      );
    }
    sumObs += o;
    sumExp += e;
    if (o === 0 && e === 0) continue;
    statistic += ((o - e) * (o - e)) / e;
  }
  if (Math.abs(sumObs - sumExp) > 1e-8 * Math.max(sumObs, sumExp)) {
    throw new StatsError(
      'invalid-count',
      `Observed counts sum to ${sumObs} but expected counts sum to ${sumExp}. Scale the expected counts to the observed total.`,
    );
  }
  const dof = k - 1;
  if (dof === 0) return { statistic: 0, pValue: 1, dof };
  return { statistic, pValue: statistic === Infinity ? 0 : chi2Sf(statistic, dof), dof };
}

export interface ChiSquareDriftResult extends ChiSquareResult {
  categories: Category[];
  observed: Float64Array;
  expected: Float64Array;
  newCategories: Category[];
  missingCategories: Category[];
  dropped: { reference: number; current: number };
}

/**
 * Categorical drift the way evidently's `chisquare` stattest does it: over the union of
 * categories, observed = current counts, expected = reference counts × (n_current / n_reference),
 * then `chiSquare(observed, expected)`. A category that never occurs in reference has expected 0,
 * so any new category gives statistic Infinity and p-value 0.
 */
export function chiSquareDrift(
  reference: ArrayLike<Category | null | undefined>,
  current: ArrayLike<Category | null | undefined>,
): ChiSquareDriftResult {
  const c = countCategories(reference, current);
  requireBothSamples(c);
  const scale = c.currentTotal / c.referenceTotal;
  const expected = new Float64Array(c.categories.length);
  for (let i = 0; i < expected.length; i++) expected[i] = c.reference[i]! * scale;
  const result = chiSquare(c.current, expected);
  return {
    ...result,
    categories: c.categories,
    observed: c.current,
    expected,
    newCategories: c.newCategories,
    missingCategories: c.missingCategories,
    dropped: c.dropped,
  };
}
