import { expose } from 'comlink';
import { memoryBudget } from '../lib/kernel/memory-budget';
import type { Matrix } from '../lib/train/matrix';
import {
  explainTrainingFailure,
  type EpochReport,
  type MlpState,
  type MlpTrainOptions,
} from '../lib/train/mlp';
import { trainMlp } from '../lib/train/train-mlp';
import { chooseBackend } from './tf-backend';

let cancelled = false;

/** One training job per worker: the kernel starts it, and terminates it when the job ends. */
const api = {
  async fitMlp(
    x: Matrix,
    y: Float64Array,
    options: MlpTrainOptions,
    onEpoch: (report: EpochReport) => void,
  ): Promise<MlpState> {
    cancelled = false;
    let threads: number | undefined;
    try {
      const mlp = await trainMlp(x, y, options, {
        onEpoch,
        cancelled: () => cancelled,
        memoryBudget: memoryBudget((navigator as { deviceMemory?: number }).deviceMemory),
        // TF.js (1.5 MB) loads only when the fused trainer cannot train the options.
        loadTf: async (backend) => {
          const tf = await import('@tensorflow/tfjs');
          threads = (await chooseBackend(tf, backend)).threads;
          return tf;
        },
      });
      return threads === undefined ? mlp : { ...mlp, threads };
    } catch (error) {
      throw explainTrainingFailure(error);
    }
  },
  cancel(): void {
    cancelled = true;
  },
};

expose(api);
export type TrainApi = typeof api;
