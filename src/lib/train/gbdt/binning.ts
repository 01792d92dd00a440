import { createRng } from '../../data/random';
import type { Matrix } from '../matrix';

/**
 * Feature values mapped to small integer bins, as scikit-learn's `_BinMapper` maps them: per
 * feature, up to `maxBins` bins for values (the midpoints between distinct values when there are
 * few, quantiles otherwise) and one more bin, index `maxBins`, for missing values (NaN).
 */
export interface BinMapper {
  /** Per feature, increasing: value x falls in bin i iff thresholds[i-1] < x <= thresholds[i]. */
  thresholds: Float64Array[];
  missingBin: number;
}

/** Values past this are clipped in thresholds, as sklearn's ALMOST_INF. */
const ALMOST_INF = 1e300;
/** sklearn bins on at most this many rows (a seeded sample); quantiles are stable beyond it. */
export const BIN_SUBSAMPLE = 200_000;

/** numpy's `percentile(sorted, percent, method='midpoint')`, to the same last bit. */
function midpointPercentile(sorted: Float64Array, percent: number): number {
  const virtual = (sorted.length - 1) * (percent / 100);
  const lo = Math.floor(virtual);
  if (lo === Math.ceil(virtual)) return sorted[lo]!;
  // numpy's lerp at t = 0.5 is b - (b - a) * 0.5; (a + b) / 2 can differ in the last bit.
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  return b - (b - a) * 0.5;
}

/** Thresholds of one feature from its non-missing values (sorted in place). */
export function featureThresholds(values: Float64Array, maxBins: number): Float64Array {
  values.sort();
  let distinct = values.length > 0 ? 1 : 0;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) distinct++;
  let out: Float64Array;
  if (distinct <= maxBins) {
    out = new Float64Array(Math.max(0, distinct - 1));
    let k = 0;
    for (let i = 1; i < values.length; i++)
      if (values[i] !== values[i - 1]) out[k++] = (values[i - 1]! + values[i]!) * 0.5;
  } else {
    // np.linspace(0, 100, maxBins + 1)[1:-1], computed as numpy computes it.
    const step = 100 / maxBins;
    out = Float64Array.from({ length: maxBins - 1 }, (_, i) =>
      midpointPercentile(values, (i + 1) * step),
    );
  }
  for (let i = 0; i < out.length; i++) if (out[i]! > ALMOST_INF) out[i] = ALMOST_INF;
  return out;
}

/** Fits bins on `rows` of x (all rows if left out), sampling BIN_SUBSAMPLE of them when more. */
export function fitBins(x: Matrix, maxBins: number, seed: number, rows?: Uint32Array): BinMapper {
  let use = rows ?? Uint32Array.from({ length: x.rows }, (_, i) => i);
  if (use.length > BIN_SUBSAMPLE) {
    const rng = createRng(seed);
    const pick = Uint32Array.from(use);
    for (let i = 0; i < BIN_SUBSAMPLE; i++) {
      const j = rng.int(i, pick.length - 1);
      const t = pick[i]!;
      pick[i] = pick[j]!;
      pick[j] = t;
    }
    use = pick.subarray(0, BIN_SUBSAMPLE);
  }
  const thresholds: Float64Array[] = [];
  const values = new Float64Array(use.length);
  for (let f = 0; f < x.cols; f++) {
    let n = 0;
    for (const i of use) {
      const v = x.data[i * x.cols + f]!;
      if (v === v) values[n++] = v;
    }
    thresholds.push(featureThresholds(values.slice(0, n), maxBins));
  }
  return { thresholds, missingBin: maxBins };
}

/** The bin of one value: how many thresholds lie below it; NaN goes to the missing bin. */
export function binOf(thresholds: Float64Array, missingBin: number, v: number): number {
  if (v !== v) return missingBin;
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= thresholds[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The binned rows, row-major (row i's bins at i·p … i·p + p − 1), of `rows` or all of x; into
 * `out` when given (memory a pool of threads shares).
 */
export function binRows(
  mapper: BinMapper,
  x: Matrix,
  rows?: Uint32Array,
  out?: Uint8Array,
): Uint8Array {
  const n = rows ? rows.length : x.rows;
  const p = x.cols;
  out ??= new Uint8Array(n * p);
  for (let f = 0; f < p; f++) {
    const t = mapper.thresholds[f]!;
    for (let k = 0; k < n; k++) {
      const i = rows ? rows[k]! : k;
      out[k * p + f] = binOf(t, mapper.missingBin, x.data[i * p + f]!);
    }
  }
  return out;
}
