import type { Matrix } from '../matrix';
import { TrainingCancelled } from '../mlp';
import { fitGbdt, type IterationReport } from './boosting';
import { gbdtState, type GbdtState } from './format';
import type { GbdtParams } from './params';
import type { ThreadPlan } from './threads';

export interface GbdtTrainOptions {
  seed: number;
  names: string[];
  /** Told, before the first round, how many threads train and why (the cell shows it). */
  onThreads?: (plan: ThreadPlan) => void;
}

/**
 * Trains boosted trees somewhere — a worker in the app (src/workers/gbdt-trainer.ts), in-process
 * in Node — and returns them as JSON. Each finished round is reported; aborting rejects with
 * TrainingCancelled.
 */
export type GbdtTrainer = (
  x: Matrix,
  y: Float64Array,
  params: Partial<GbdtParams>,
  options: GbdtTrainOptions,
  onIteration: (report: IterationReport) => void,
  signal?: AbortSignal,
) => Promise<GbdtState>;

/** In this thread: for Node (tests, scripts) and runners without a worker. */
export const trainGbdtHere: GbdtTrainer = async (x, y, params, options, onIteration, signal) => {
  if (signal?.aborted) throw new TrainingCancelled();
  const { onThreads, ...fit } = options;
  onThreads?.({ threads: 1, note: 'on 1 thread' });
  return gbdtState(
    fitGbdt(x, y, params, { ...fit, onIteration, cancelled: () => !!signal?.aborted }),
  );
};
