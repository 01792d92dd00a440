import { LabbookError } from '../errors';

export type TrainErrorCode =
  | 'singular'
  | 'shape'
  | 'empty'
  // k-fold with k outside 2..rows.
  | 'bad-folds'
  | 'unknown-feature'
  // The loss became NaN or infinite.
  | 'diverged'
  | 'out-of-memory';

/** Why a model could not be fitted or applied, worded for the student. */
export class TrainError extends LabbookError<TrainErrorCode> {
  override name = 'TrainError';
}
