import type { Output } from '../lib/kernel/outputs';
import { withoutLeadingLabels } from '../lib/notebook/message-prefix';

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
