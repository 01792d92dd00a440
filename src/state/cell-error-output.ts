import type { Output } from '../lib/kernel/outputs';
import { withoutLeadingLabels } from '../lib/notebook/message-prefix';
import { TRAINING_PROGRESS } from '../lib/lab/live-loss';
import { PROGRESS } from '../lib/lab/live-progress';

const INTERRUPTED =
  'Interrupted: the kernel was stopped and restarted, so variables from earlier cells are gone. ' +
  'Use "Run above" or "Run all" to rebuild them.';

/** What a cell shows when its run failed outside the kernel (an interrupt, a dead kernel). */
export function errorOutput(error: unknown): Extract<Output, { type: 'error' }> {
  const err = error instanceof Error ? error : new Error(String(error));
  const interrupted = err.name === 'KernelInterruptedError';
  const message = interrupted
    ? INTERRUPTED
    : withoutLeadingLabels(err.message, [err.name, 'Error']);
  return { type: 'error', name: err.name, message };
}

/**
 * The outputs of a cell whose kernel ended mid-run (interrupt, crash) with every live progress
 * output still running marked stopped: nothing runs behind it any more, so its clock must not
 * keep ticking nor its Cancel stay offered.
 */
export function stopLiveOutputs(outputs: Output[]): Output[] {
  return outputs.map((o) => {
    if (o.type !== 'rich' || (o.kind !== PROGRESS && o.kind !== TRAINING_PROGRESS)) return o;
    const data = o.data as { status: string };
    if (data.status !== 'running') return o;
    const ended = o.kind === PROGRESS ? { cancel: null } : { cancelId: null };
    return { ...o, data: { ...data, status: 'stopped', ...ended } };
  });
}
