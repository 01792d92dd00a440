import { expose } from 'comlink';
import type { IterationReport } from '../lib/train/gbdt/boosting';
import type { GbdtState } from '../lib/train/gbdt/format';
import type { GbdtParams } from '../lib/train/gbdt/params';
import { trainGbdtHere } from '../lib/train/gbdt/trainer';
import type { Matrix } from '../lib/train/matrix';

/**
 * One boosting job per worker, without TensorFlow.js (the trees are plain typed arrays). Rounds
 * are reported as they finish; cancelling terminates the worker (see gbdt-trainer.ts), so the fit
 * itself never has to yield.
 */
const api = {
  fitGbdt(
    x: Matrix,
    y: Float64Array,
    params: Partial<GbdtParams>,
    options: { seed: number; names: string[] },
    onIteration: (report: IterationReport) => void,
  ): Promise<GbdtState> {
    return trainGbdtHere(x, y, params, options, onIteration);
  },
};

expose(api);
export type GbdtWorkerApi = typeof api;
