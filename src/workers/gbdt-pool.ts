import { GbdtError } from '../lib/train/gbdt/errors';
import { buildHistogram, nodeRows, type BinnedRows } from '../lib/train/gbdt/histogram';
import type { HistogramThreads } from '../lib/train/gbdt/threads';

/**
 * A fit's histogram building shared by threads, by feature: the coordinator (the thread running
 * fitGbdt) takes the first range of features and each helper one more, over SharedArrayBuffers,
 * synchronised with Atomics (a postMessage per node would cost more than the node). Every bin is
 * still summed by one thread in row order, so the trees are those of one thread, to the bit.
 *
 * The memory is made by whoever starts the threads (the main thread in the app, which can
 * terminate them all; a Node script in the bench and tests), sized for the most rows and bins a
 * fit can use, and handed to the coordinator and every helper.
 */
export interface PoolMemory {
  threads: number;
  features: number;
  control: SharedArrayBuffer;
  bins: SharedArrayBuffer;
  grads: SharedArrayBuffer;
  partition: SharedArrayBuffer;
  /** The helpers' share of each histogram (the coordinator copies it into the node's). */
  target: SharedArrayBuffer;
}

// The control block, Int32 slots.
const SEQ = 0; // bumped by the coordinator for each job
const DONE = 1; // helpers that finished the current job
const START = 2;
const STOP = 3;
const QUIT = 4;
const FAILED = 5;
const ROWS = 6;
const STRIDE = 7;
const SLOTS = 8;

/** One byte per bin index: 255 value bins and the missing bin. */
const MAX_STRIDE = 256;
/** Nodes with fewer rows are built by the coordinator alone: waking a helper costs more. */
export const POOL_MIN_NODE_ROWS = 3000;
/** Spins before sleeping: a job is usually microseconds away, and waking a sleeper costs more. */
const SPINS = 20_000;
/** A helper silent this long is gone (a crash the main thread will report, or a hang). */
const STALL_MS = 60_000;

export function poolMemory(rows: number, features: number, threads: number): PoolMemory {
  return {
    threads,
    features,
    control: new SharedArrayBuffer(SLOTS * 4),
    bins: new SharedArrayBuffer(rows * features),
    grads: new SharedArrayBuffer(rows * 4),
    partition: new SharedArrayBuffer(rows * 4),
    target: new SharedArrayBuffer(features * MAX_STRIDE * 2 * 8),
  };
}

/** Thread t's features [from, to): contiguous, as even as the count allows. */
export function featureRange(features: number, threads: number, t: number): [number, number] {
  const at = (k: number) => Math.floor((k * features) / threads);
  return [at(t), at(t + 1)];
}

/** Waits until control[slot] is no longer `value` (spinning first). */
function waitWhile(control: Int32Array, slot: number, value: number): boolean {
  for (let i = 0; i < SPINS; i++) if (Atomics.load(control, slot) !== value) return true;
  const deadline = performance.now() + STALL_MS;
  while (Atomics.load(control, slot) === value) {
    Atomics.wait(control, slot, value, 1000);
    if (performance.now() > deadline) return false;
  }
  return true;
}

/**
 * The coordinator's side: the fit's arrays are views of the pool's memory, and each node's
 * histogram is built by every thread at once. `close` releases the helpers (their `serve` calls
 * return); it does not end their threads, which their owner terminates.
 */
export function pooledHistograms(
  memory: PoolMemory,
  minNodeRows = POOL_MIN_NODE_ROWS,
): HistogramThreads & { close(): void } {
  const control = new Int32Array(memory.control);
  const helpers = memory.threads - 1;
  const target = new Float64Array(memory.target);
  let grads: Float32Array = new Float32Array(0);
  let partition: Uint32Array = new Uint32Array(0);
  return {
    threads: memory.threads,
    arrays(rows, features) {
      if (features !== memory.features || rows * 4 > memory.grads.byteLength)
        throw new GbdtError(
          'shape',
          `The training pool was sized for ${memory.grads.byteLength / 4} rows × ${memory.features} features, not ${rows} × ${features}.`,
        );
      grads = new Float32Array(memory.grads, 0, rows);
      partition = new Uint32Array(memory.partition, 0, rows);
      return { bins: new Uint8Array(memory.bins, 0, rows * features), grads, partition };
    },
    builder(data: BinnedRows) {
      Atomics.store(control, ROWS, data.rows);
      Atomics.store(control, STRIDE, data.stride);
      const [, own] = featureRange(data.features, memory.threads, 0);
      return {
        build(start, stop, sums) {
          const rows = nodeRows(data, partition, start, stop);
          if (helpers === 0 || stop - start < minNodeRows) {
            buildHistogram(data, rows, grads, sums);
            return;
          }
          Atomics.store(control, START, start);
          Atomics.store(control, STOP, stop);
          Atomics.store(control, DONE, 0);
          Atomics.add(control, SEQ, 1);
          Atomics.notify(control, SEQ);
          buildHistogram(data, rows, grads, sums, 0, own);
          for (let done = Atomics.load(control, DONE); done < helpers;) {
            if (!waitWhile(control, DONE, done))
              throw new GbdtError(
                'pool',
                `A tree-training thread did not answer for ${STALL_MS / 1000} s. Train again; if it repeats, reload the page.`,
              );
            done = Atomics.load(control, DONE);
          }
          if (Atomics.load(control, FAILED))
            throw new GbdtError(
              'pool',
              'A tree-training thread failed while building a histogram (its error is in the browser console). Train again; if it repeats, reload the page.',
            );
          const from = own * data.stride * 2;
          sums.set(target.subarray(from, data.features * data.stride * 2), from);
        },
      };
    },
    close() {
      Atomics.store(control, QUIT, 1);
      Atomics.add(control, SEQ, 1);
      Atomics.notify(control, SEQ);
    },
  };
}

/**
 * A helper's side: builds its features of every node the coordinator posts, until `close`.
 * Blocks its thread throughout (it is a worker of its own, doing nothing else).
 */
export function serveHistograms(memory: PoolMemory, thread: number): void {
  const control = new Int32Array(memory.control);
  const target = new Float64Array(memory.target);
  const [from, to] = featureRange(memory.features, memory.threads, thread);
  let seen = 0;
  for (;;) {
    while (!waitWhile(control, SEQ, seen));
    seen = Atomics.load(control, SEQ);
    if (Atomics.load(control, QUIT)) return;
    try {
      const rows = Atomics.load(control, ROWS);
      const stride = Atomics.load(control, STRIDE);
      const data: BinnedRows = {
        bins: new Uint8Array(memory.bins, 0, rows * memory.features),
        rows,
        features: memory.features,
        stride,
      };
      const start = Atomics.load(control, START);
      const stop = Atomics.load(control, STOP);
      const partition = new Uint32Array(memory.partition, 0, rows);
      target.fill(0, from * stride * 2, to * stride * 2);
      buildHistogram(
        data,
        nodeRows(data, partition, start, stop),
        new Float32Array(memory.grads, 0, rows),
        target,
        from,
        to,
      );
    } catch (error) {
      console.error(error);
      Atomics.store(control, FAILED, 1);
    }
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
}
