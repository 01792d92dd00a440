export type KernelErrorCode = 'protected-storage' | 'worker-url' | 'out-of-memory';

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
