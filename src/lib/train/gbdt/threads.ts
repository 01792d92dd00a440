import type { BinnedRows, HistogramBuilder } from './histogram';

/** The arrays of a fit that every thread of a pool reads. */
export interface SharedFitArrays {
  bins: Uint8Array;
  grads: Float32Array;
  partition: Uint32Array;
}

/**
 * Threads that share a fit's histogram building (src/workers/gbdt-pool.ts owns the memory and
 * the synchronisation). A fit asks once for its arrays, fills them, then builds through `builder`.
 */
export interface HistogramThreads {
  /** Threads in all, this one included. */
  readonly threads: number;
  /** The fit's arrays for `rows` training rows, in memory the threads share. */
  arrays(rows: number, features: number): SharedFitArrays;
  /** Histograms of the arrays `arrays` returned, laid out as `data`. */
  builder(data: BinnedRows): HistogramBuilder;
}

/**
 * Below this many binned values (rows × features) a pool costs more than it saves: starting the
 * threads and waking them for every node outweigh the shared work. Measured with
 * scripts/bench/gbdt.ts on 2 cores: see README.md, "Threads".
 */
export const POOL_MIN_VALUES = 200_000;

/** How many threads a fit of `rows` × `features` should use on a machine with `cores`. */
export function threadsFor(rows: number, features: number, cores: number): number {
  if (rows * features < POOL_MIN_VALUES || features < 2) return 1;
  // Work is split by feature: more threads than features would idle.
  return Math.max(1, Math.min(cores, features, 8));
}
