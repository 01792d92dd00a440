export type GbdtErrorCode =
  'bad-param' | 'empty' | 'shape' | 'non-finite' | 'bad-model-file' | 'cancelled' | 'pool';

/** Gradient-boosting problems as values with a code, worded for the student: what, where, the fix. */
export class GbdtError extends Error {
  override name = 'GbdtError';
  constructor(
    readonly code: GbdtErrorCode,
    message: string,
    /** The parameter or saved-model field at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}
