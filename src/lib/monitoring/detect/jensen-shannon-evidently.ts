import { histogramSorted, unionRangeEdges } from '../stats/binning';
import { jensenShannonDistance } from '../stats/jensen-shannon';
import type { SortedSample } from './sorted-tests';

/**
 * Jensen–Shannon distance as evidently's `jensenshannon` stattest computes it for a numeric column
 * with more than 20 distinct reference values: Sturges bins over the range of both samples
 * (`np.histogram_bin_edges(concat, 'sturges')`), shares per bin NOT smoothed (evidently passes
 * `feel_zeroes=False`), natural log (`scipy.spatial.distance.jensenshannon`, base None). The
 * stats module's `jensenShannon` fills empty bins like PSI does, so it differs on sparse tails.
 */
export function jensenShannonHistogram(ref: SortedSample, cur: SortedSample): number {
  const a = ref.values;
  const b = cur.values;
  const lo = Math.min(a[0]!, b[0]!);
  const hi = Math.max(a[a.length - 1]!, b[b.length - 1]!);
  const width = (hi - lo) / (Math.log2(a.length + b.length) + 1);
  const bins = width ? Math.ceil((hi - lo) / width) : 1;
  const edges = unionRangeEdges(a, b, bins);
  return jensenShannonDistance(histogramSorted(a, edges), histogramSorted(b, edges));
}
