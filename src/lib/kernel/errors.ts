import { LabbookError } from '../errors';

export type KernelErrorCode =
  | 'protected-storage'
  | 'worker-url'
  | 'out-of-memory'
  // A cell redefined a built-in so that a check cannot run on the real one.
  | 'tampered-builtins'
  // A cell assigned to a built-in the kernel froze (SES lockdown, see harden-intrinsics.ts).
  | 'frozen-builtin'
  // A cell imported a library the Labbook does not bundle.
  | 'unknown-module'
  // A table view asked for a table the kernel no longer holds (restarted, or evicted).
  | 'table-gone';

/** Refusals and stops of the kernel, as values with a code, worded for the student. */
export class KernelError extends LabbookError<KernelErrorCode> {
  override name = 'KernelError';
}
