import { expose } from 'comlink';
import { fitGbdt, type IterationReport } from '../lib/train/gbdt/boosting';
import { gbdtState, type GbdtState } from '../lib/train/gbdt/format';
import type { GbdtParams } from '../lib/train/gbdt/params';
import type { Matrix } from '../lib/train/matrix';
import { pooledHistograms, type PoolMemory } from './gbdt-pool';

/**
 * One boosting job per worker, without TensorFlow.js (the trees are plain typed arrays). Rounds
 * are reported as they finish; cancelling terminates the worker (see gbdt-trainer.ts), so the fit
 * itself never has to yield. With `pool`, this worker coordinates helper workers that share each
 * histogram (gbdt-pool.ts); the trees are the same as without.
 */
const api = {
  fitGbdt(
    x: Matrix,
    y: Float64Array,
    params: Partial<GbdtParams>,
    options: { seed: number; names: string[] },
    onIteration: (report: IterationReport) => void,
    pool: PoolMemory | null = null,
  ): GbdtState {
    const threads = pool ? pooledHistograms(pool) : undefined;
    try {
      return gbdtState(fitGbdt(x, y, params, { ...options, onIteration, threads }));
    } finally {
      threads?.close();
    }
  },
};

expose(api);
export type GbdtWorkerApi = typeof api;
