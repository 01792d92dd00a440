/** Why an MLP could not be trained: stable codes, messages worded for the student. */
export type TrainErrorCode =
  | 'bad-option'
  | 'no-rows'
  | 'not-finite'
  | 'length-mismatch'
  | 'over-memory-budget'
  | 'diverged'
  | 'unsupported';

/** A training problem as a value with a code; `row` and `column` locate a bad input value. */
export class TrainError extends Error {
  override name = 'TrainError';
  constructor(
    readonly code: TrainErrorCode,
    message: string,
    readonly where: { row?: number; column?: string } = {},
  ) {
    super(message);
  }
}
