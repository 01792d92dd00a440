import type { BinnedRows, HistogramBuilder } from './histogram';

/** The arrays of a fit that every thread of a pool reads. */
export interface SharedFitArrays {
  bins: Uint8Array;
  grads: Float32Array;
  partition: Uint32Array;
  scratch: Uint32Array;
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

/** How many threads a fit uses, and the reason in words for the cell ("on 2 threads"). */
export interface ThreadPlan {
  threads: number;
  note: string;
}

/**
 * The plan for a fit of `rows` × `features` with `cores` cores; `isolated` is the page's
 * `crossOriginIsolated` (without it there is no SharedArrayBuffer, so no pool).
 */
export function planThreads(
  rows: number,
  features: number,
  cores: number,
  isolated: boolean,
): ThreadPlan {
  const threads = threadsFor(rows, features, cores);
  if (threads === 1)
    return {
      threads,
      note:
        cores > 1
          ? `on 1 thread (${rows.toLocaleString('en-US')} rows × ${features} features is too small for more to pay)`
          : 'on 1 thread (this machine reports one core)',
    };
  if (!isolated)
    return {
      threads: 1,
      note: 'on 1 thread: this page is not cross-origin isolated, so threads cannot share memory (open the Labbook from its own site, not inside another page, to train on every core)',
    };
  return { threads, note: `on ${threads} threads` };
}
