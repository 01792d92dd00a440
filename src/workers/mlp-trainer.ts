import { proxy, wrap } from 'comlink';
import type { MlpTrainer } from '../lib/train/mlp';
import type { TrainApi } from './train.worker';
import { crashOf } from './worker-crash';

/**
 * Each MLP trains in a worker of its own, ended when the job ends. A crash — most often running
 * out of memory — rejects with a message that says so, instead of leaving the caller waiting.
 */
export const trainMlpInWorker: MlpTrainer = async (x, y, options, onEpoch, signal) => {
  const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
  const crashed = crashOf(
    worker,
    'The training worker',
    'The usual cause is running out of memory: train on fewer rows or with smaller layers.',
  );
  try {
    const api = wrap<TrainApi>(worker);
    const cancel = () => void api.cancel();
    signal?.addEventListener('abort', cancel);
    if (signal?.aborted) cancel();
    return await Promise.race([api.fitMlp(x, y, options, proxy(onEpoch)), crashed]);
  } finally {
    worker.terminate();
  }
};
