import { partitionRows } from './partition';

/**
 * Per feature and bin, the sum of the gradients and the number of rows of one node, interleaved
 * (sums[2k] gradient, sums[2k + 1] count) so one update touches one cache line. With squared error
 * every hessian is 1, so the hessian histogram is the count histogram (sklearn's
 * `hessians_are_constant` path).
 */
export interface Histogram {
  sums: Float64Array;
}

/** The binned training rows and their layout, shared by every histogram of a fit. */
export interface BinnedRows {
  /** Row-major bins (see binRows): a row's bins are adjacent, one cache line per row visited. */
  bins: Uint8Array;
  rows: number;
  features: number;
  /** Bins per feature in a histogram: value bins plus the missing bin. */
  stride: number;
}

/**
 * The histogram of the rows `indices` (every row when null, the root) with gradients `grads`:
 * each bin sums its rows in partition order, as sklearn does, so the sums are the same floats.
 * `sums` is a zeroed buffer to fill (reused across nodes: a fit allocates a few, not one per node).
 * Only features [from, to) are filled: threads sharing a node each take a range, and since a bin
 * is still summed by one thread in row order the result is the same to the bit.
 */
export function buildHistogram(
  data: BinnedRows,
  indices: Uint32Array | null,
  grads: Float32Array,
  sums: Float64Array,
  from = 0,
  to = data.features,
): Histogram {
  const { bins, features: p, stride } = data;
  const n = indices ? indices.length : data.rows;
  for (let k = 0; k < n; k++) {
    const i = indices ? indices[k]! : k;
    const row = i * p;
    const g = grads[i]!;
    for (let f = from, at = from * stride; f < to; f++, at += stride) {
      const o = (at + bins[row + f]!) << 1;
      sums[o]! += g;
      sums[o + 1]!++;
    }
  }
  return { sums };
}

/**
 * The sibling trick: a child's histogram is its parent's minus its sibling's, so only the smaller
 * child is built from rows. Writes into `parent`, which is not needed again.
 */
export function subtractHistogram(parent: Histogram, sibling: Histogram): Histogram {
  const a = parent.sums;
  const b = sibling.sums;
  for (let i = 0; i < a.length; i++) a[i]! -= b[i]!;
  return parent;
}

/**
 * Who does a node's row work: this thread (`localHistograms`) or a pool of threads (histograms
 * split by feature, partitions by row range; src/workers/gbdt-pool.ts). Either way the same
 * numbers, to the bit.
 */
export interface HistogramBuilder {
  /** Fills `sums` (zeroed) with the histogram of partition[start, stop); all rows are the root. */
  build(start: number, stop: number, sums: Float64Array): void;
  /**
   * Stable partition of partition[start, stop) by `feature` (`table`: 1 for bins going left):
   * left rows first, then right, each in their order; returns the first right position.
   */
  partition(start: number, stop: number, feature: number, table: Uint8Array): number;
}

/** The rows of partition[start, stop), or null for every row (the root: no indirection). */
export const nodeRows = (data: BinnedRows, partition: Uint32Array, start: number, stop: number) =>
  start === 0 && stop === data.rows ? null : partition.subarray(start, stop);

export const localHistograms = (
  data: BinnedRows,
  grads: Float32Array,
  partition: Uint32Array,
  scratch: Uint32Array,
): HistogramBuilder => ({
  build(start, stop, sums) {
    buildHistogram(data, nodeRows(data, partition, start, stop), grads, sums);
  },
  partition(start, stop, feature, table) {
    return partitionRows(data, feature, table, partition, scratch, start, stop);
  },
});
