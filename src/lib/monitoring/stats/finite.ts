import { StatsError } from './errors';

/** Numeric values with NaN and ±Infinity removed, and how many were removed. */
export interface FiniteValues {
  values: Float64Array;
  dropped: number;
}

/** Copies the finite values of `input` into a new Float64Array (one pass, no per-element allocation). */
export function dropNonFinite(input: ArrayLike<number>): FiniteValues {
  const n = input.length;
  let kept = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(input[i])) kept++;
  const values = new Float64Array(kept);
  if (kept === n && input instanceof Float64Array) values.set(input);
  else {
    let k = 0;
    for (let i = 0; i < n; i++) {
      const v = input[i]!;
      if (Number.isFinite(v)) values[k++] = v;
    }
  }
  return { values, dropped: n - kept };
}

/** Finite values sorted ascending; throws `empty-sample` if none are left. */
export function sortedFinite(input: ArrayLike<number>, label: string): FiniteValues {
  const result = dropNonFinite(input);
  if (result.values.length === 0) {
    throw new StatsError(
      'empty-sample',
      `The ${label} sample has no finite values (${result.dropped} NaN/Infinity dropped). ` +
        'Either pass a non-empty column or check how it was parsed.',
    );
  }
  result.values.sort();
  return result;
}
