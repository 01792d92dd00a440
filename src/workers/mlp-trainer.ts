import { proxy, wrap } from 'comlink';
import type { MlpTrainer } from '../lib/train/mlp';
import type { TrainApi } from './train.worker';

/**
 * Each MLP trains in a worker of its own, ended when the job ends. A crash — most often running
 * out of memory — rejects with a message that says so, instead of leaving the caller waiting.
 */
export const trainMlpInWorker: MlpTrainer = async (x, y, options, onEpoch) => {
  const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) =>
      reject(
        new Error(
          `The training worker crashed${event.message ? ` (${event.message})` : ''}. ` +
            'The usual cause is running out of memory: train on fewer rows or with smaller layers.',
        ),
      ),
    );
    worker.addEventListener('messageerror', () =>
      reject(new Error('The training worker sent a message that could not be read.')),
    );
  });
  try {
    const api = wrap<TrainApi>(worker);
    return await Promise.race([api.fitMlp(x, y, options, proxy(onEpoch)), crashed]);
  } finally {
    worker.terminate();
  }
};
