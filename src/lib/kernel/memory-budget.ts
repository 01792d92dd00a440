import { KernelError } from './errors';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/**
 * How many bytes of ArrayBuffers (typed arrays, tensors' data, binary columns) one kernel may hold:
 * a quarter of the device's memory as the browser reports it (`navigator.deviceMemory`, in GB,
 * rounded and capped at 8 by the browser), kept between 1 and 2 GB. Well under what ends a tab:
 * Chromium refuses ArrayBuffers past ~16 GB per renderer, and a machine with less free memory than
 * that kills the whole renderer (the page with its workers) first.
 */
export function memoryBudget(deviceMemoryGb: number | undefined): number {
  const quarter = ((deviceMemoryGb ?? 4) * GB) / 4;
  return Math.min(2 * GB, Math.max(1 * GB, quarter));
}

/** The message the worker posts when a cell goes over budget; comlink ignores messages without `id`. */
export interface MemoryNotice {
  type: 'labbook-kernel-over-memory';
  budget: number;
}

export function isMemoryNotice(data: unknown): data is MemoryNotice {
  const notice = data as Partial<MemoryNotice> | null;
  return notice?.type === 'labbook-kernel-over-memory' && typeof notice.budget === 'number';
}

/** What the cell shows when its kernel was stopped for using too much memory. */
export function outOfMemory(budget: number): KernelError {
  return new KernelError(
    'out-of-memory',
    `The kernel used more than ${Math.round(budget / MB)} MB of memory (arrays of numbers and buffers) and was stopped before it could crash the tab. Your code and outputs are saved; a fresh kernel has started, so variables from earlier cells are gone. Use "Run above" to rebuild them, then work on less data at once (a sample of the rows, or fewer copies of a large array).`,
  );
}
