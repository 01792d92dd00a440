import { StatsError } from './errors';

/** A categorical value. `null`, `undefined` and NaN count as missing and are dropped. */
export type Category = string | number | boolean;

/** Counts of each category in a reference and a current column, over the union of categories. */
export interface CategoryCounts {
  /** Union of categories: reference order of first appearance, then categories new in current. */
  categories: Category[];
  reference: Float64Array;
  current: Float64Array;
  referenceTotal: number;
  currentTotal: number;
  /** Categories seen in current but never in reference. */
  newCategories: Category[];
  /** Categories seen in reference but never in current. */
  missingCategories: Category[];
  dropped: { reference: number; current: number };
}

type Raw = Category | null | undefined;

const isMissing = (v: Raw): v is null | undefined =>
  v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

function tally(values: ArrayLike<Raw>, index: Map<Category, number>, counts: number[]): number {
  let dropped = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) {
      dropped++;
      continue;
    }
    let k = index.get(v);
    if (k === undefined) {
      k = index.size;
      index.set(v, k);
    }
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return dropped;
}

/** Counts categories of both columns (one Map lookup per value). */
export function countCategories(
  reference: ArrayLike<Raw>,
  current: ArrayLike<Raw>,
): CategoryCounts {
  const index = new Map<Category, number>();
  const refCounts: number[] = [];
  const curCounts: number[] = [];
  const refDropped = tally(reference, index, refCounts);
  const curDropped = tally(current, index, curCounts);
  const categories = [...index.keys()];
  const k = categories.length;
  const ref = new Float64Array(k);
  const cur = new Float64Array(k);
  let refTotal = 0;
  let curTotal = 0;
  for (let i = 0; i < k; i++) {
    ref[i] = refCounts[i] ?? 0;
    cur[i] = curCounts[i] ?? 0;
    refTotal += ref[i]!;
    curTotal += cur[i]!;
  }
  return {
    categories,
    reference: ref,
    current: cur,
    referenceTotal: refTotal,
    currentTotal: curTotal,
    newCategories: categories.filter((_, i) => ref[i] === 0),
    missingCategories: categories.filter((_, i) => cur[i] === 0),
    dropped: { reference: refDropped, current: curDropped },
  };
}

/**
 * The counts of both columns, refused when either has no value: a categorical test compares
 * shares, and a column with none has no shares. The one message for every categorical test.
 */
export function requireBothSamples(c: CategoryCounts): CategoryCounts {
  if (c.referenceTotal === 0 || c.currentTotal === 0) {
    throw new StatsError(
      'empty-sample',
      `The ${c.referenceTotal === 0 ? 'reference' : 'current'} column has no non-missing values. Either pass a non-empty column or drop this feature from the test.`,
    );
  }
  return c;
}
