export type KernelErrorCode =
  | 'protected-storage'
  | 'worker-url'
  | 'out-of-memory'
  // A cell redefined a built-in so that a check cannot run on the real one.
  | 'tampered-builtins';

/** Refusals and stops of the kernel, as values with a code, worded for the student. */
export class KernelError extends Error {
  override name = 'KernelError';
  constructor(
    readonly code: KernelErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
