import { LabbookError, type LabbookErrorOptions } from '../errors';

/** Why a model could not be fitted or applied: stable codes, messages worded for the student. */
export type TrainErrorCode =
  | 'singular'
  | 'shape'
  | 'empty'
  // k-fold with k outside 2..rows.
  | 'bad-folds'
  | 'unknown-feature'
  // The loss became NaN or infinite.
  | 'diverged'
  | 'out-of-memory'
  | 'bad-option'
  | 'no-rows'
  | 'not-finite'
  | 'length-mismatch'
  | 'over-memory-budget'
  | 'unsupported';

/** A training problem as a value with a code; `where` locates a bad input value (row, column). */
export class TrainError extends LabbookError<TrainErrorCode> {
  override name = 'TrainError';
  readonly where: { row?: number; column?: string };
  constructor(
    code: TrainErrorCode,
    message: string,
    whereOrOptions: { row?: number; column?: string } | LabbookErrorOptions = {},
    options?: LabbookErrorOptions,
  ) {
    const located = !('cause' in whereOrOptions || 'details' in whereOrOptions);
    super(code, message, located ? options : (whereOrOptions as LabbookErrorOptions));
    this.where = located ? (whereOrOptions as { row?: number; column?: string }) : {};
  }
}
