import { LabbookError } from '../errors';

export type LabErrorCode =
  // The lab API was used before the kernel was given its storage.
  | 'no-services'
  | 'not-deployed'
  | 'no-reference'
  | 'no-labels'
  | 'unknown-column'
  | 'not-numeric'
  | 'unknown-scenario'
  | 'request-refused'
  | 'job-failed'
  // Training ended by a stop request or a failure; the run records it.
  | 'run-killed'
  // Training cancelled from its cell with no run tracking it.
  | 'training-cancelled'
  // Long work (a sweep, a drift test, a replay, a partitioned job) cancelled from its cell's bar.
  | 'cancelled'
  | 'run-failed'
  // A namespace's code loads on first use: it failed to load, or a cell reached it unnamed.
  | 'load-failed'
  | 'not-loaded';

/**
 * A refusal of the `lab` API inside a cell. It keeps the plain name "Error": the notebook shows
 * `name: message`, and these messages were written to read well after "Error:".
 */
export class LabError extends LabbookError<LabErrorCode> {}
