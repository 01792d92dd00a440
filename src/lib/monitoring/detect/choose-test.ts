import type { FrameColumn } from '../../features/frame';
import type { ColumnKind, DriftTestName } from './drift-tests';

/** evidently's boundaries: at most this many reference rows is a "small" reference… */
export const SMALL_REFERENCE_ROWS = 1000;
/** …and a numeric column with at most this many distinct values is treated like a category. */
export const FEW_VALUES = 5;

/** What the default choice looks at, after missing and infinite values were dropped. */
export interface ColumnFacts {
  kind: ColumnKind;
  referenceRows: number;
  /** Distinct values of reference and current together; counting stops at FEW_VALUES + 1. */
  uniqueValues: number;
}

export interface TestChoice {
  test: DriftTestName;
  /** One sentence a UI can show: the facts and the rule that picked the test. */
  reason: string;
}

/** Numbers are numeric (datetimes too, as epoch ms); text is categorical. */
export function columnKind(column: FrameColumn): ColumnKind {
  return column instanceof Float64Array ? 'numeric' : 'categorical';
}

/** Distinct values of two cleaned columns together, counted up to `cap` (then it stops). */
export function countDistinct(a: ArrayLike<unknown>, b: ArrayLike<unknown>, cap: number): number {
  const seen = new Set<unknown>();
  for (const values of [a, b]) {
    for (let i = 0; i < values.length; i++) {
      seen.add(values[i]);
      if (seen.size >= cap) return cap;
    }
  }
  return seen.size;
}

const distinct = (n: number) =>
  n > FEW_VALUES
    ? `more than ${FEW_VALUES} distinct values`
    : `${n} distinct value${n === 1 ? '' : 's'}`;

/**
 * evidently's default test (`_get_default_stattest`): with at most 1000 reference rows, a
 * p-value test (KS for numbers with more than 5 distinct values, else chi-squared, or the z-test
 * for at most 2 values); with more rows, a distance (normalised Wasserstein for numbers with more
 * than 5 distinct values, else Jensen–Shannon). p-values shrink with sample size, so large
 * references use distances, which measure how much moved rather than whether anything did.
 */
export function chooseTest(facts: ColumnFacts): TestChoice {
  const { kind, referenceRows, uniqueValues } = facts;
  const rows = `the reference has ${referenceRows.toLocaleString('en')} rows`;
  const many = kind === 'numeric' && uniqueValues > FEW_VALUES;
  const what = `${kind} with ${distinct(uniqueValues)}`;
  if (referenceRows <= SMALL_REFERENCE_ROWS) {
    const size = `${rows} (≤ ${SMALL_REFERENCE_ROWS})`;
    if (many) return { test: 'ks', reason: `${size}, ${what}: two-sample Kolmogorov–Smirnov test` };
    if (uniqueValues <= 2)
      return { test: 'z', reason: `${size}, ${what} (≤ 2): two-proportion z-test` };
    return { test: 'chisquare', reason: `${size}, ${what}: chi-squared test` };
  }
  const size = `${rows} (> ${SMALL_REFERENCE_ROWS})`;
  if (many)
    return {
      test: 'wasserstein',
      reason: `${size}, ${what}: Wasserstein distance normalised by the reference's std`,
    };
  return { test: 'jensenshannon', reason: `${size}, ${what}: Jensen–Shannon distance` };
}
