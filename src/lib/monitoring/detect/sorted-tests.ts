/**
 * KS, Wasserstein and PSI on samples that are already finite and sorted, so a column is sorted
 * once (by `sortFloat64`) however many tests read it. The stats module's `ks2samp`, `wasserstein`
 * and `psi` copy and sort their input on every call; these give bit-identical results
 * (tests/unit/monitoring/detect-sorted.test.ts) from the same merges and binning helpers.
 */
import { countByCuts, quantileEdges } from '../stats/binning';
import { dropNonFinite } from '../stats/finite';
import { ks2samp, ksStatistic, roundHalfEven, type KsResult } from '../stats/ks-2samp';
import type { NumericPsiResult } from '../stats/psi';
import { fillZeroShares, toShares } from '../stats/smoothing';
import { kstwoSf } from '../stats/special/kolmogorov';
import { wassersteinOfSorted, type WassersteinResult } from '../stats/wasserstein';
import { sortFloat64 } from './radix-sort';

/** Finite values, sorted ascending, and how many NaN/±Infinity were dropped. */
export interface SortedSample {
  values: Float64Array;
  dropped: number;
}

export function sortedSample(input: ArrayLike<number>): SortedSample {
  const { values, dropped } = dropNonFinite(input);
  return { values: sortFloat64(values), dropped };
}

/** scipy's exact p-values are only used up to this size (`ks_2samp(method='auto')`). */
const MAX_EXACT_N = 10000;

/** `ks2samp` on sorted samples; small samples (exact p-value) go through `ks2samp` itself. */
export function ksSorted(ref: SortedSample, cur: SortedSample): KsResult {
  const a = ref.values;
  const b = cur.values;
  const n1 = a.length;
  const n2 = b.length;
  const dropped = { reference: ref.dropped, current: cur.dropped };
  if (Math.max(n1, n2) <= MAX_EXACT_N) return { ...ks2samp(a, b), dropped };
  const { d, location, sign } = ksStatistic(a, b);
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const p = kstwoSf(d, roundHalfEven((m * n) / (m + n)));
  return {
    statistic: d,
    pValue: Math.min(Math.max(p, 0), 1),
    method: 'asymp',
    location,
    sign,
    n1,
    n2,
    dropped,
  };
}

/** `wasserstein` on sorted samples (one merge; std of the reference with ddof = 0). */
export function wassersteinSorted(ref: SortedSample, cur: SortedSample): WassersteinResult {
  return wassersteinOfSorted(ref.values, cur.values, {
    reference: ref.dropped,
    current: cur.dropped,
  });
}

/** `psi` on sorted samples: reference-quantile bins, outer bins open-ended, empty bins filled. */
export function psiSorted(ref: SortedSample, cur: SortedSample, bins = 10): NumericPsiResult {
  const edges = quantileEdges(ref.values, bins);
  const cuts = edges.subarray(1, Math.max(1, edges.length - 1));
  const share = (s: SortedSample) =>
    fillZeroShares(toShares(countByCuts(s.values, cuts), s.values.length));
  const referenceShares = share(ref);
  const currentShares = share(cur);
  let value = 0;
  for (let k = 0; k < referenceShares.length; k++) {
    const r = referenceShares[k]!;
    const c = currentShares[k]!;
    value += (c - r) * Math.log(c / r);
  }
  return {
    value,
    referenceShares,
    currentShares,
    edges,
    dropped: { reference: ref.dropped, current: cur.dropped },
  };
}
