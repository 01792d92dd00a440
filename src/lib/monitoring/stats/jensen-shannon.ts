import { histogramSorted, unionRangeEdges } from './binning';
import { type Category, countCategories, requireBothSamples } from './categories';
import { StatsError } from './errors';
import { sortedFinite } from './finite';
import { fillZeroShares, toShares } from './smoothing';

export interface JensenShannonOptions {
  /** Logarithm base; default e (scipy's default), so the distance lies in [0, sqrt(ln 2)]. 2 gives [0, 1]. */
  base?: number;
}

export interface JensenShannonResult {
  /** sqrt(JS divergence); `scipy.spatial.distance.jensenshannon(refShares, curShares, base)`. */
  distance: number;
  referenceShares: Float64Array;
  currentShares: Float64Array;
}

const relEntr = (x: number, y: number) =>
  x > 0 && y > 0 ? x * Math.log(x / y) : x === 0 && y >= 0 ? 0 : Infinity;

/** Jensen–Shannon distance between two histograms (each normalised to sum 1 first, as scipy does). */
export function jensenShannonDistance(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  base?: number,
): number {
  if (p.length !== q.length || p.length === 0) {
    throw new StatsError(
      'invalid-count',
      `Histograms must have the same non-zero length (got ${p.length} and ${q.length}).`,
    );
  }
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i]!;
    sq += q[i]!;
  }
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]! / sp;
    const qi = q[i]! / sq;
    const m = (pi + qi) / 2;
    left += relEntr(pi, m);
    right += relEntr(qi, m);
  }
  let js = left + right;
  if (base !== undefined) js /= Math.log(base);
  return Math.sqrt(js / 2);
}

export interface NumericJensenShannonOptions extends JensenShannonOptions {
  /** Equal-width bins over the union range [min, max] of both samples; default 'sturges' (evidently). */
  bins?: number | 'sturges';
}

/**
 * Numeric Jensen–Shannon distance the way evidently computes it: `np.histogram_bin_edges` over the
 * concatenated samples ('sturges' or a bin count), shares per bin, zero shares filled
 * (`fillZeroShares`), then `jensenShannonDistance`.
 */
export function jensenShannon(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: NumericJensenShannonOptions = {},
): JensenShannonResult & { edges: Float64Array; dropped: { reference: number; current: number } } {
  const ref = sortedFinite(reference, 'reference');
  const cur = sortedFinite(current, 'current');
  const bins = options.bins ?? 'sturges';
  let nBins: number;
  if (bins === 'sturges') {
    const lo = Math.min(ref.values[0]!, cur.values[0]!);
    const hi = Math.max(ref.values[ref.values.length - 1]!, cur.values[cur.values.length - 1]!);
    const width = (hi - lo) / (Math.log2(ref.values.length + cur.values.length) + 1);
    nBins = width ? Math.ceil((hi - lo) / width) : 1;
  } else {
    if (!Number.isInteger(bins) || bins < 1) {
      throw new StatsError(
        'invalid-option',
        `bins must be a positive integer or 'sturges' (got ${bins}).`,
      );
    }
    nBins = bins;
  }
  const edges = unionRangeEdges(ref.values, cur.values, nBins);
  const referenceShares = fillZeroShares(
    toShares(histogramSorted(ref.values, edges), ref.values.length),
  );
  const currentShares = fillZeroShares(
    toShares(histogramSorted(cur.values, edges), cur.values.length),
  );
  return {
    distance: jensenShannonDistance(referenceShares, currentShares, options.base),
    referenceShares,
    currentShares,
    edges,
    dropped: { reference: ref.dropped, current: cur.dropped },
  };
}

/** Categorical Jensen–Shannon distance over the union of categories (zero shares filled). */
export function jensenShannonCategorical(
  reference: ArrayLike<Category | null | undefined>,
  current: ArrayLike<Category | null | undefined>,
  options: JensenShannonOptions = {},
): JensenShannonResult & {
  categories: Category[];
  dropped: { reference: number; current: number };
} {
  const c = countCategories(reference, current);
  requireBothSamples(c);
  const referenceShares = fillZeroShares(toShares(c.reference, c.referenceTotal));
  const currentShares = fillZeroShares(toShares(c.current, c.currentTotal));
  return {
    distance: jensenShannonDistance(referenceShares, currentShares, options.base),
    referenceShares,
    currentShares,
    categories: c.categories,
    dropped: c.dropped,
  };
}
