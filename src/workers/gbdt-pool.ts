import { GbdtError } from '../lib/train/gbdt/errors';
import { buildHistogram, nodeRows, type BinnedRows } from '../lib/train/gbdt/histogram';
import { partitionChunk, partitionRows } from '../lib/train/gbdt/partition';
import type { HistogramThreads } from '../lib/train/gbdt/threads';

/**
 * A fit's row work shared by threads: histograms by feature (the coordinator, the thread running
 * fitGbdt, takes the first range of features and each helper one more) and partitions by row
 * range (each thread splits a chunk; the coordinator joins the chunks' left rows, then their
 * right rows), over SharedArrayBuffers, synchronised with Atomics (a postMessage per node would
 * cost more than the node). Every bin is still summed by one thread in row order and the joined
 * partition is the one-thread partition, so the trees are those of one thread, to the bit.
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
  scratch: SharedArrayBuffer;
  /** The current split's bin table (see splitTable). */
  table: SharedArrayBuffer;
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
const JOB = 8; // HISTOGRAM or PARTITION
const FEATURE = 9; // the split's feature, for PARTITION
const LEFT = 10; // LEFT + t: rows thread t's chunk sent left
export const MAX_THREADS = 8;
const SLOTS = LEFT + MAX_THREADS;
const HISTOGRAM = 0;
const PARTITION = 1;

/** One byte per bin index: 255 value bins and the missing bin. */
const MAX_STRIDE = 256;
/** Nodes with fewer rows are done by the coordinator alone: waking a helper costs more. */
export const POOL_MIN_NODE_ROWS = 3000;
/**
 * Partitions are shared from this many rows only (the root and its children on the taxi sample):
 * a chunk is one pass over one feature, so below it waking a helper saves little, and on a busy
 * machine the extra wake-ups cost more than they save (taxi sample, load 5: 1.9 s shared from
 * 3,000 rows against 1.4 s from 30,000; at load 2 the same within noise).
 */
export const POOL_MIN_PARTITION_ROWS = 30_000;
/** Spins before sleeping: a job is usually microseconds away, and waking a sleeper costs more. */
const SPINS = 20_000;
/** A helper silent this long is gone (a crash the main thread will report, or a hang). */
const STALL_MS = 60_000;

export function poolMemory(rows: number, features: number, threads: number): PoolMemory {
  return {
    threads: Math.max(1, Math.min(threads, MAX_THREADS)),
    features,
    control: new SharedArrayBuffer(SLOTS * 4),
    bins: new SharedArrayBuffer(rows * features),
    grads: new SharedArrayBuffer(rows * 4),
    partition: new SharedArrayBuffer(rows * 4),
    scratch: new SharedArrayBuffer(rows * 4),
    table: new SharedArrayBuffer(MAX_STRIDE),
    target: new SharedArrayBuffer(features * MAX_STRIDE * 2 * 8),
  };
}

/** Thread t's features [from, to): contiguous, as even as the count allows. */
export function featureRange(features: number, threads: number, t: number): [number, number] {
  const at = (k: number) => Math.floor((k * features) / threads);
  return [at(t), at(t + 1)];
}

/** Thread t's rows [a, b) of partition[start, stop). */
function chunk(start: number, stop: number, threads: number, t: number): [number, number] {
  const at = (k: number) => start + Math.floor((k * (stop - start)) / threads);
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
 * histogram and partition are done by every thread at once. `close` releases the helpers (their `serve` calls
 * return); it does not end their threads, which their owner terminates.
 */
export function pooledHistograms(
  memory: PoolMemory,
  minNodeRows = POOL_MIN_NODE_ROWS,
  partitionMinRows = POOL_MIN_PARTITION_ROWS,
): HistogramThreads & { close(): void } {
  const control = new Int32Array(memory.control);
  const helpers = memory.threads - 1;
  const target = new Float64Array(memory.target);
  let grads: Float32Array = new Float32Array(0);
  let partition: Uint32Array = new Uint32Array(0);
  let scratch: Uint32Array = new Uint32Array(0);
  const table = new Uint8Array(memory.table);
  /** Posts the job set in the control block to the helpers. */
  const post = (job: number, start: number, stop: number) => {
    Atomics.store(control, JOB, job);
    Atomics.store(control, START, start);
    Atomics.store(control, STOP, stop);
    Atomics.store(control, DONE, 0);
    Atomics.add(control, SEQ, 1);
    Atomics.notify(control, SEQ);
  };
  /** Waits for every helper to finish the job posted. */
  const join = () => {
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
        'A tree-training thread failed on its share of a node (its error is in the browser console). Train again; if it repeats, reload the page.',
      );
  };
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
      scratch = new Uint32Array(memory.scratch, 0, rows);
      const bins = new Uint8Array(memory.bins, 0, rows * features);
      return { bins, grads, partition, scratch };
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
          post(HISTOGRAM, start, stop);
          buildHistogram(data, rows, grads, sums, 0, own);
          join();
          const from = own * data.stride * 2;
          sums.set(target.subarray(from, data.features * data.stride * 2), from);
        },
        partition(start, stop, feature, goesLeft) {
          if (helpers === 0 || stop - start < Math.max(minNodeRows, partitionMinRows))
            return partitionRows(data, feature, goesLeft, partition, scratch, start, stop);
          table.set(goesLeft.subarray(0, table.length));
          Atomics.store(control, FEATURE, feature);
          post(PARTITION, start, stop);
          const [a, b] = chunk(start, stop, memory.threads, 0);
          const lefts = [partitionChunk(data, feature, table, partition, scratch, a, b)];
          join();
          for (let t = 1; t < memory.threads; t++) lefts.push(Atomics.load(control, LEFT + t));
          // Chunk 0's left rows are in place; the others' follow them, then every right row.
          let at = start + lefts[0]!;
          for (let t = 1; t < memory.threads; t++) {
            const [from] = chunk(start, stop, memory.threads, t);
            partition.copyWithin(at, from, from + lefts[t]!);
            at += lefts[t]!;
          }
          const mid = at;
          for (let t = 0; t < memory.threads; t++) {
            const [from, to] = chunk(start, stop, memory.threads, t);
            const rights = to - from - lefts[t]!;
            partition.set(scratch.subarray(from, from + rights), at);
            at += rights;
          }
          return mid;
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
 * A helper's side: builds its features of every node's histogram and partitions its chunk of
 * every split the coordinator posts, until `close`.
 * Blocks its thread throughout (it is a worker of its own, doing nothing else).
 */
export function serveHistograms(memory: PoolMemory, thread: number): void {
  const control = new Int32Array(memory.control);
  const target = new Float64Array(memory.target);
  const table = new Uint8Array(memory.table);
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
      if (Atomics.load(control, JOB) === PARTITION) {
        const [a, b] = chunk(start, stop, memory.threads, thread);
        const feature = Atomics.load(control, FEATURE);
        const scratch = new Uint32Array(memory.scratch, 0, rows);
        const left = partitionChunk(data, feature, table, partition, scratch, a, b);
        Atomics.store(control, LEFT + thread, left);
      } else {
        target.fill(0, from * stride * 2, to * stride * 2);
        buildHistogram(
          data,
          nodeRows(data, partition, start, stop),
          new Float32Array(memory.grads, 0, rows),
          target,
          from,
          to,
        );
      }
    } catch (error) {
      console.error(error);
      Atomics.store(control, FAILED, 1);
    }
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
}
