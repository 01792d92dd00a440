import { sortedFinite } from './finite';
import { kstwoSf } from './special/kolmogorov';
import { probOutsideBand, probOutsideSquare } from './special/ks-two-sample-exact';

/** Result of the two-sample Kolmogorov–Smirnov test. */
export interface KsResult {
  /** D = sup |F_ref(x) - F_cur(x)| (as scipy returns it: h / lcm(n1, n2) when exact). */
  statistic: number;
  pValue: number;
  /** 'exact' when max(n1, n2) <= 10000 and the exact computation succeeded, else 'asymp'. */
  method: 'exact' | 'asymp';
  /** Value of x where D is attained, and whether F_ref - F_cur is positive (+1) or negative there. */
  location: number;
  sign: 1 | -1;
  n1: number;
  n2: number;
  dropped: { reference: number; current: number };
}

export interface KsOptions {
  /** 'auto' (default) follows scipy: exact when max(n1, n2) <= 10000. */
  method?: 'auto' | 'exact' | 'asymp';
}

const MAX_AUTO_N = 10000;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** numpy's round-half-to-even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * D = sup |F_a − F_b| of two finite samples sorted ascending, where it is reached, and which
 * way (+1: `a`'s ECDF above). Every distinct value is walked once and the ECDF difference taken
 * after all its ties (scipy's searchsorted(side='right') on the pooled data).
 */
export function ksStatistic(a: Float64Array, b: Float64Array) {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minDiff = Infinity;
  let locMax = 0;
  let locMin = 0;
  while (i < n1 || j < n2) {
    const x = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < n1 && a[i]! <= x) i++;
    while (j < n2 && b[j]! <= x) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) {
      maxS = diff;
      locMax = x;
    }
    if (diff < minDiff) {
      minDiff = diff;
      locMin = x;
    }
  }
  const minS = Math.min(Math.max(-minDiff, 0), 1);
  const negative = minS > maxS;
  return {
    d: negative ? minS : maxS,
    location: negative ? locMin : locMax,
    sign: (negative ? -1 : 1) as 1 | -1,
  };
}

/**
 * Two-sample two-sided KS test, matching `scipy.stats.ks_2samp(a, b, method=...)`.
 * NaN/±Infinity are dropped first. Sorting is the only O(n log n) step; D is found by one merge.
 */
export function ks2samp(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: KsOptions = {},
): KsResult {
  const ref = sortedFinite(reference, 'reference');
  const cur = sortedFinite(current, 'current');
  const a = ref.values;
  const b = cur.values;
  const n1 = a.length;
  const n2 = b.length;

  const { d: statistic, location, sign } = ksStatistic(a, b);
  let d = statistic;

  let method: 'exact' | 'asymp' =
    options.method === 'asymp'
      ? 'asymp'
      : options.method === 'exact' || Math.max(n1, n2) <= MAX_AUTO_N
        ? 'exact'
        : 'asymp';
  let p = Number.NaN;
  const g = gcd(n1, n2);
  if (method === 'exact' && n1 / g >= 2147483647 / (n2 / g)) method = 'asymp';
  if (method === 'exact') {
    const lcm = (n1 / g) * n2;
    const h = Math.round(d * lcm);
    d = h / lcm;
    if (h === 0) p = 1;
    else p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
    if (!(p >= 0 && p <= 1)) method = 'asymp';
  }
  if (method === 'asymp') {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    p = kstwoSf(d, roundHalfEven((m * n) / (m + n)));
  }
  return {
    statistic: d,
    pValue: Math.min(Math.max(p, 0), 1),
    method,
    location,
    sign,
    n1,
    n2,
    dropped: { reference: ref.dropped, current: cur.dropped },
  };
}
