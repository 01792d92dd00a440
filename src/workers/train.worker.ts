import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import type { Matrix } from '../lib/train/matrix';
import {
  explainTrainingFailure,
  fitMlp,
  type EpochReport,
  type MlpOptions,
  type MlpState,
} from '../lib/train/mlp';
import { chooseBackend, type BackendName } from './tf-backend';

let cancelled = false;

/** One training job per worker: the kernel starts it, and terminates it when the job ends. */
const api = {
  async fitMlp(
    x: Matrix,
    y: Float64Array,
    options: Partial<MlpOptions> & { backend?: BackendName },
    onEpoch: (report: EpochReport) => void,
  ): Promise<MlpState> {
    cancelled = false;
    const { backend, ...rest } = options;
    const { threads } = await chooseBackend(tf, backend);
    try {
      const mlp = await fitMlp(tf, x, y, rest, { onEpoch, cancelled: () => cancelled });
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
