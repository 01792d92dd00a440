/**
 * evidently's `feel_zeroes` rule for empty bins: every zero share is replaced by 0.0001, or by
 * (smallest non-zero share) / 1e6 when that smallest share is itself <= 0.0001. Applied to each
 * distribution separately, without renormalising. Mutates and returns `shares`.
 */
export function fillZeroShares(shares: Float64Array): Float64Array {
  let min = Infinity;
  for (const s of shares) if (s !== 0 && s < min) min = s;
  if (min === Infinity) return shares;
  const fill = min <= 0.0001 ? min / 10 ** 6 : 0.0001;
  for (let i = 0; i < shares.length; i++) if (shares[i] === 0) shares[i] = fill;
  return shares;
}

/** counts / total, as a new array. */
export function toShares(counts: Float64Array, total: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i]! / total;
  return out;
}
