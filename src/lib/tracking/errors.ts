import { LabbookError } from '../errors';

export type TrackingErrorCode =
  | 'no-active-run'
  | 'param-changed'
  | 'bad-metric'
  | 'unknown-run'
  | 'bad-name'
  | 'bad-step'
  | 'bad-path'
  | 'too-long'
  | 'bad-value'
  | 'not-ended';

/** A refusal of the tracker, with a code a caller can act on and a message a student can read. */
export class TrackingError extends LabbookError<TrackingErrorCode> {
  override name = 'TrackingError';
}
