export type GradingErrorCode =
  | 'not-json'
  | 'too-large'
  | 'too-deep'
  | 'not-a-submission'
  | 'newer-format'
  | 'bad-field'
  | 'unknown-lesson'
  | 'wrong-lesson'
  | 'no-lesson'
  | 'cancelled'
  | 'crashed';

/** Grading problems as values with a code: which file, what is wrong, and the fix. */
export class GradingError extends Error {
  override name = 'GradingError';
  constructor(
    readonly code: GradingErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}
