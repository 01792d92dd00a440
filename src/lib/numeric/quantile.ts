/**
 * `np.quantile(sorted, q)` with numpy's default 'linear' method (Hyndman–Fan type 7, also
 * pandas' default), computed the way numpy does so results match it to the last bit.
 * `sorted` must be ascending; an empty array gives NaN.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return sorted[n - 1]!;
  if (virtual < 0) return sorted[0]!;
  const lo = Math.floor(virtual);
  const t = virtual - lo;
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Quantiles of the finite values of `values` (NaN and ±Infinity left out). */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const sorted = Float64Array.from(values).filter(Number.isFinite).sort();
  return qs.map((q) => quantileSorted(sorted, q));
}
