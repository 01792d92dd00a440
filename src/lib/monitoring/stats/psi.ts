import { countByCuts, quantileEdges } from './binning';
import { type Category, countCategories, requireBothSamples } from './categories';
import { StatsError } from './errors';
import { sortedFinite } from './finite';
import { fillZeroShares, toShares } from './smoothing';

export interface PsiResult {
  /** Σ (cur - ref) · ln(cur / ref) over bins, after empty bins are filled (see `fillZeroShares`). */
  value: number;
  referenceShares: Float64Array;
  currentShares: Float64Array;
}

export interface NumericPsiResult extends PsiResult {
  /** Reference quantile edges after duplicates were collapsed; bins are [e_i, e_{i+1}). */
  edges: Float64Array;
  dropped: { reference: number; current: number };
}

function psiValue(ref: Float64Array, cur: Float64Array): number {
  let value = 0;
  for (let i = 0; i < ref.length; i++) value += (cur[i]! - ref[i]!) * Math.log(cur[i]! / ref[i]!);
  return value;
}

/**
 * Population Stability Index of a numeric column. Edges are the reference's quantiles at
 * 0, 1/bins, …, 1 (`np.quantile`, linear), duplicate edges collapsed; the interior edges cut the
 * line into bins [e_i, e_{i+1}) with the first and last bins open-ended, so current values
 * outside the reference range land in the outer bins. A constant reference gives one bin (PSI 0).
 */
export function psi(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: { bins?: number } = {},
): NumericPsiResult {
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new StatsError('invalid-option', `bins must be a positive integer (got ${bins}).`);
  }
  const ref = sortedFinite(reference, 'reference');
  const cur = sortedFinite(current, 'current');
  const edges = quantileEdges(ref.values, bins);
  const cuts = edges.subarray(1, Math.max(1, edges.length - 1));
  const referenceShares = fillZeroShares(
    toShares(countByCuts(ref.values, cuts), ref.values.length),
  );
  const currentShares = fillZeroShares(toShares(countByCuts(cur.values, cuts), cur.values.length));
  return {
    value: psiValue(referenceShares, currentShares),
    referenceShares,
    currentShares,
    edges,
    dropped: { reference: ref.dropped, current: cur.dropped },
  };
}

export interface CategoricalPsiResult extends PsiResult {
  categories: Category[];
  dropped: { reference: number; current: number };
}

/** PSI over the union of categories (shares per category, empty ones filled like evidently). */
export function psiCategorical(
  reference: ArrayLike<Category | null | undefined>,
  current: ArrayLike<Category | null | undefined>,
): CategoricalPsiResult {
  const c = countCategories(reference, current);
  requireBothSamples(c);
  const referenceShares = fillZeroShares(toShares(c.reference, c.referenceTotal));
  const currentShares = fillZeroShares(toShares(c.current, c.currentTotal));
  return {
    value: psiValue(referenceShares, currentShares),
    referenceShares,
    currentShares,
    categories: c.categories,
    dropped: c.dropped,
  };
}
