import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HistogramThreads } from '../../src/lib/train/gbdt/threads';
import { poolMemory, pooledHistograms, type PoolMemory } from '../../src/workers/gbdt-pool';

// worker_threads load plain JavaScript: register tsx in the thread, then load the helper.
const HELPER = `
import('tsx/esm/api').then(({ register }) => {
  register();
  return import(${JSON.stringify(new URL('./gbdt-helper-node.ts', import.meta.url).href)});
});`;

/** Threads 1 … threads − 1 of `memory`'s pool, each serving it; resolves once all run. */
export async function startNodeHelpers(memory: PoolMemory): Promise<Worker[]> {
  const helpers = Array.from(
    { length: memory.threads - 1 },
    (_, k) => new Worker(HELPER, { eval: true, workerData: { memory, thread: k + 1 } }),
  );
  await Promise.all(
    helpers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('message', () => resolve());
          w.once('error', reject);
        }),
    ),
  );
  return helpers;
}

export interface NodePool {
  threads: HistogramThreads;
  /** Releases and ends the helper threads. */
  close(): Promise<void>;
}

/**
 * The app's histogram pool (src/workers/gbdt-pool.ts) on Node threads, for tests and the bench:
 * this thread coordinates, `threads − 1` worker_threads help. Resolves once every helper runs,
 * so a timed fit does not include starting them.
 */
export async function nodeHistogramPool(
  rows: number,
  features: number,
  threads = availableParallelism(),
  /** Share nodes from this many rows (tests set 0 to share every node of a small data set). */
  minNodeRows?: number,
  partitionMinRows?: number,
): Promise<NodePool> {
  const memory = poolMemory(rows, features, threads);
  const helpers = await startNodeHelpers(memory);
  const pool = pooledHistograms(memory, minNodeRows, partitionMinRows);
  return {
    threads: pool,
    async close() {
      pool.close();
      await Promise.all(helpers.map((w) => w.terminate()));
    },
  };
}
