import { LabbookError } from '../../errors';

export type ExportErrorCode =
  | 'not-found'
  | 'not-a-pipeline-run'
  | 'run-not-finished'
  | 'missing-artifact'
  | 'bad-artifact'
  | 'bad-reference';

/** Why a run or model version could not be exported as a Python project: what, and the fix. */
export class ExportError extends LabbookError<ExportErrorCode> {
  override name = 'ExportError';
}
