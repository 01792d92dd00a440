import type { Matrix } from '../matrix';
import { TrainingCancelled } from '../mlp';
import { fitGbdt, type IterationReport } from './boosting';
import { gbdtState, type GbdtState } from './format';
import type { GbdtParams } from './params';

/**
 * Trains boosted trees somewhere — a worker in the app (src/workers/gbdt-trainer.ts), in-process
 * in Node — and returns them as JSON. Each finished round is reported; aborting rejects with
 * TrainingCancelled.
 */
export type GbdtTrainer = (
  x: Matrix,
  y: Float64Array,
  params: Partial<GbdtParams>,
  options: { seed: number; names: string[] },
  onIteration: (report: IterationReport) => void,
  signal?: AbortSignal,
) => Promise<GbdtState>;

/** In this thread: for Node (tests, scripts) and runners without a worker. */
export const trainGbdtHere: GbdtTrainer = async (x, y, params, options, onIteration, signal) => {
  if (signal?.aborted) throw new TrainingCancelled();
  return gbdtState(
    fitGbdt(x, y, params, { ...options, onIteration, cancelled: () => !!signal?.aborted }),
  );
};
