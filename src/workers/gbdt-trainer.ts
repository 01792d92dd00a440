import { proxy, wrap } from 'comlink';
import type { GbdtTrainer } from '../lib/train/gbdt/trainer';
import { TrainingCancelled } from '../lib/train/mlp';
import type { GbdtWorkerApi } from './gbdt.worker';
import { crashOf } from './worker-crash';

/**
 * Boosted trees train in a worker of their own, ended when the job ends. A stop request
 * terminates it at once (the fit does not yield between rounds, and need not): the promise
 * rejects with TrainingCancelled and the rounds already reported stay on the run.
 */
export const trainGbdtInWorker: GbdtTrainer = async (
  x,
  y,
  params,
  options,
  onIteration,
  signal,
) => {
  if (signal?.aborted) throw new TrainingCancelled();
  const worker = new Worker(new URL('./gbdt.worker.ts', import.meta.url), { type: 'module' });
  const crashed = crashOf(
    worker,
    'The tree-training worker',
    'The usual cause is running out of memory: train on fewer rows or with fewer max_bins.',
  );
  let onAbort = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    onAbort = () => {
      worker.terminate();
      reject(new TrainingCancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  cancelled.catch(() => undefined);
  try {
    const api = wrap<GbdtWorkerApi>(worker);
    return await Promise.race([
      api.fitGbdt(x, y, params, options, proxy(onIteration)),
      crashed,
      cancelled,
    ]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    worker.terminate();
  }
};
