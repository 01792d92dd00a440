import { StatsError } from './errors';
import { chi2Sf } from './special/gamma';

export interface ContingencyResult {
  statistic: number;
  pValue: number;
  dof: number;
  /** Expected counts under independence, same shape as the table (row-major rows). */
  expected: Float64Array[];
}

/**
 * Pearson chi-squared test of independence on an r×k table of counts,
 * `scipy.stats.chi2_contingency(table, correction=False)`. For drift, row 0 holds the reference
 * counts and row 1 the current counts per category. dof = (r-1)(k-1); when dof is 0 the statistic
 * is 0 and the p-value 1, as in scipy.
 */
export function chi2Contingency(table: ArrayLike<number>[]): ContingencyResult {
  const r = table.length;
  const k = table[0]?.length ?? 0;
  if (r === 0 || k === 0 || table.some((row) => row.length !== k)) {
    throw new StatsError(
      'invalid-count',
      'chi2Contingency needs a non-empty table whose rows all have the same length.',
    );
  }
  const rowSums = new Float64Array(r);
  const colSums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < k; j++) {
      const v = table[i]![j]!;
      if (!(v >= 0) || !Number.isFinite(v)) {
        throw new StatsError(
          'invalid-count',
          `Count at row ${i}, column ${j} is not a finite non-negative number (${v}).`,
        );
      }
      rowSums[i]! += v;
      colSums[j]! += v;
      total += v;
    }
  }
  const expected = Array.from({ length: r }, (_, i) => {
    const row = new Float64Array(k);
    for (let j = 0; j < k; j++) row[j] = (rowSums[i]! * colSums[j]!) / total;
    return row;
  });
  const zero = expected.findIndex((row) => row.some((e) => e === 0));
  if (zero >= 0) {
    const j = expected[zero]!.findIndex((e) => e === 0);
    throw new StatsError(
      'invalid-count',
      `Row ${zero}, column ${j} has an expected count of 0 (its whole row or column is empty). Remove empty rows/columns first.`,
    );
  }
  const dof = (r - 1) * (k - 1);
  if (dof === 0) return { statistic: 0, pValue: 1, dof, expected };
  let statistic = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < k; j++) {
      const d = table[i]![j]! - expected[i]![j]!;
      statistic += (d * d) / expected[i]![j]!;
    }
  }
  return { statistic, pValue: chi2Sf(statistic, dof), dof, expected };
}
