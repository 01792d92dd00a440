import type { Run } from '../tracking';
import { isTrainingCancelled, stopSignal } from '../tracking/stop-requests';
import { LabError } from './errors';
import type { LiveLoss } from './live-loss';
import { tracker } from './tracking';

/**
 * What stops a training in a cell: the Cancel button on its live output, or "Stop" on the page of
 * the run it is tracked in. Either aborts the trainer, which ends its worker; the kernel and the
 * student's variables stay. Close it when the training ends.
 */
export function trainingStop(live: LiveLoss, run: Run | undefined) {
  const fromRunPage = run ? stopSignal(run.id) : undefined;
  const signal = fromRunPage
    ? AbortSignal.any([fromRunPage.signal, live.cancelSignal])
    : live.cancelSignal;
  return { signal, close: () => fromRunPage?.close() };
}

/**
 * Ends a training that threw: the live output says stopped or failed, and the active run, if
 * any, is marked KILLED (cancelled) or FAILED as MLflow marks a run whose block raised. Always
 * throws, with a message that says who stopped it and what was kept.
 */
export async function endFailedTraining(
  error: unknown,
  live: LiveLoss,
  run: Run | undefined,
  unit: string,
): Promise<never> {
  const cancelled = isTrainingCancelled(error);
  const message = (error as Error).message;
  const where = live.cancelled ? 'from the cell' : 'from the run page';
  live.end(cancelled ? 'stopped' : 'failed', cancelled ? `cancelled ${where}` : message);
  if (cancelled) {
    if (!run)
      throw new LabError(
        'training-cancelled',
        `Training stopped ${where}; no model was returned. The kernel and your variables are intact.`,
        { cause: error },
      );
    await tracker().setTags({ 'stop.reason': `stopped ${where}` });
    await tracker().endRun('KILLED');
    throw new LabError(
      'run-killed',
      `Training stopped ${where}: run "${run.name}" is marked KILLED with the ${unit} it finished. The kernel and your variables are intact.`,
      { cause: error },
    );
  }
  if (run) {
    await tracker().setTags({ error: `train: ${message}`.slice(0, 500) });
    await tracker().endRun('FAILED');
    throw new LabError('run-failed', `${message} Run "${run.name}" is marked FAILED.`, {
      cause: error,
    });
  }
  throw error;
}
