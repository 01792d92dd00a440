import { meanAndStd } from '../../numeric/moments';
import { sortedFinite } from './finite';

export interface WassersteinResult {
  /** W1 = ∫ |F_ref(x) - F_cur(x)| dx; `scipy.stats.wasserstein_distance(ref, cur)`. */
  distance: number;
  /** W1 / max(std(reference), 0.001), std with ddof = 0 (evidently's `wasserstein_distance_norm`). */
  normalized: number;
  /** Population standard deviation (ddof = 0) of the reference values. */
  referenceStd: number;
  dropped: { reference: number; current: number };
}

/** Earth mover's distance between two 1-D samples by one merge over the sorted values. */
export function wasserstein(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): WassersteinResult {
  const ref = sortedFinite(reference, 'reference');
  const cur = sortedFinite(current, 'current');
  return wassersteinOfSorted(ref.values, cur.values, {
    reference: ref.dropped,
    current: cur.dropped,
  });
}

/** The same on finite samples sorted ascending (callers that sort once for several tests). */
export function wassersteinOfSorted(
  a: Float64Array,
  b: Float64Array,
  dropped: WassersteinResult['dropped'],
): WassersteinResult {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let distance = 0;
  let x = Math.min(a[0]!, b[0]!);
  while (i < n1 || j < n2) {
    while (i < n1 && a[i]! <= x) i++;
    while (j < n2 && b[j]! <= x) j++;
    if (i === n1 && j === n2) break;
    const next = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    distance += Math.abs(i / n1 - j / n2) * (next - x);
    x = next;
  }
  const { std } = meanAndStd(a);
  return {
    distance,
    normalized: distance / Math.max(std, 0.001),
    referenceStd: std,
    dropped,
  };
}
