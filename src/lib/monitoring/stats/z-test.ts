import { type Category, countCategories, requireBothSamples } from './categories';
import { StatsError } from './errors';
import { normTwoSidedP } from './special/gamma';

export interface ZTestResult {
  /** z = (p1 - p2) / sqrt(p(1-p)(1/n1 + 1/n2)) with the pooled proportion p. */
  statistic: number;
  /** Two-sided: 2·Φ(-|z|). */
  pValue: number;
  p1: number;
  p2: number;
  pooled: number;
}

/**
 * Pooled two-proportion z-test (statsmodels `proportions_ztest(..., alternative='two-sided')`,
 * evidently's `z` stattest). When the pooled proportion is 0 or 1 (no variation in either
 * sample) there is no evidence of a difference: z = 0, p-value = 1.
 */
export function twoProportionZTest(
  successes1: number,
  n1: number,
  successes2: number,
  n2: number,
): ZTestResult {
  for (const [name, s, n] of [
    ['first', successes1, n1],
    ['second', successes2, n2],
  ] as const) {
    if (!Number.isInteger(n) || n <= 0 || !Number.isInteger(s) || s < 0 || s > n) {
      throw new StatsError(
        'invalid-count',
        `The ${name} sample has ${s} successes out of ${n}; counts must be integers with 0 <= successes <= n and n > 0.`,
      );
    }
  }
  const p1 = successes1 / n1;
  const p2 = successes2 / n2;
  const pooled = (successes1 + successes2) / (n1 + n2);
  if (pooled === 0 || pooled === 1) return { statistic: 0, pValue: 1, p1, p2, pooled };
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { statistic: z, pValue: normTwoSidedP(z), p1, p2, pooled };
}

export interface ZTestDriftResult extends ZTestResult {
  /** The category counted as a "success". */
  positive: Category;
  dropped: { reference: number; current: number };
}

/**
 * z-test for a binary column: the share of `positive` in reference (p1) vs current (p2).
 * `positive` defaults to `true`, else `1`, else the first category seen. Throws
 * `invalid-option` if the columns hold more than two categories together.
 */
export function zTestDrift(
  reference: ArrayLike<Category | null | undefined>,
  current: ArrayLike<Category | null | undefined>,
  options: { positive?: Category } = {},
): ZTestDriftResult {
  const c = countCategories(reference, current);
  if (c.categories.length > 2) {
    throw new StatsError(
      'invalid-option',
      `The z-test needs a binary column but found ${c.categories.length} categories (${c.categories.slice(0, 5).join(', ')}). Either use chiSquareDrift or map the column to two values.`,
    );
  }
  requireBothSamples(c);
  const positive =
    options.positive ??
    (c.categories.includes(true) ? true : c.categories.includes(1) ? 1 : c.categories[0]!);
  const k = c.categories.indexOf(positive);
  const s1 = k >= 0 ? c.reference[k]! : 0;
  const s2 = k >= 0 ? c.current[k]! : 0;
  return {
    ...twoProportionZTest(s1, c.referenceTotal, s2, c.currentTotal),
    positive,
    dropped: c.dropped,
  };
}
