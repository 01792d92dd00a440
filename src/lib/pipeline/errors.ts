import { LabbookError } from '../errors';

export type PipelineErrorCode =
  'bad-split' | 'unknown-column' | 'no-trainer' | 'not-a-pipeline-run';

/**
 * A pipeline stage that cannot run on the data or runner it was given. It keeps the plain name
 * "Error" that cells have always shown before these messages.
 */
export class PipelineError extends LabbookError<PipelineErrorCode> {}
