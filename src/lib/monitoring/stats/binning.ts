/**
 * Bin edges and counts with numpy's exact arithmetic, so shares match the Python reference:
 * `np.linspace`, `np.quantile(method='linear')` and `np.histogram(values, edges)`.
 */
import { quantileSorted } from '../../numeric/quantile';

/** `np.linspace(start, stop, num)`: start + i·step, last edge exactly `stop`. */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/** Reference quantile edges for `bins` bins with duplicates removed (ascending, length >= 1). */
export function quantileEdges(sortedReference: Float64Array, bins: number): Float64Array {
  const qs = linspace(0, 1, bins + 1);
  const edges: number[] = [];
  for (const q of qs) {
    const e = quantileSorted(sortedReference, q);
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  return Float64Array.from(edges);
}

/**
 * Counts of sorted values in the bins cut at `cuts` (ascending): bin i holds cuts[i-1] <= x < cuts[i],
 * bin 0 everything below cuts[0] and the last bin everything from the last cut up
 * (`np.searchsorted(cuts, x, side='right')`). Returns cuts.length + 1 counts.
 */
export function countByCuts(sorted: Float64Array, cuts: Float64Array): Float64Array {
  const counts = new Float64Array(cuts.length + 1);
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i]!;
    while (bin < cuts.length && x >= cuts[bin]!) bin++;
    counts[bin]! += 1;
  }
  return counts;
}

/**
 * `np.histogram(sorted, edges)[0]`: bins [e_i, e_{i+1}), the last one closed; values outside
 * [e_0, e_last] are not counted.
 */
export function histogramSorted(sorted: Float64Array, edges: Float64Array): Float64Array {
  const nBins = edges.length - 1;
  const counts = new Float64Array(nBins);
  let bin = 0;
  const last = edges[nBins]!;
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i]!;
    if (x < edges[0]! || x > last) continue;
    while (bin < nBins - 1 && x >= edges[bin + 1]!) bin++;
    counts[bin]! += 1;
  }
  return counts;
}

/** Equal-width edges over [min, max] of two sorted samples (`np.histogram_bin_edges(concat, bins)`). */
export function unionRangeEdges(a: Float64Array, b: Float64Array, bins: number): Float64Array {
  let lo = Math.min(a[0]!, b[0]!);
  let hi = Math.max(a[a.length - 1]!, b[b.length - 1]!);
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  return linspace(lo, hi, bins + 1);
}
