import { LabbookError } from '../errors';

export type ProjectErrorCode =
  | 'bad-path'
  | 'not-found'
  | 'exists'
  | 'not-a-folder'
  | 'is-a-folder'
  | 'reserved'
  | 'bad-name'
  | 'too-large'
  | 'bad-zip'
  | 'syntax-error'
  | 'missing-module'
  | 'missing-export'
  | 'import-cycle'
  | 'bad-import'
  | 'test-timeout'
  | 'not-text'
  | 'no-project'
  | 'bad-option'
  | 'mutant-mismatch'
  | 'cancelled';

/** Project problems as values with a code, worded for the student: what, where, and the fix. */
export class ProjectError extends LabbookError<ProjectErrorCode> {
  override name = 'ProjectError';
  constructor(
    code: ProjectErrorCode,
    message: string,
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
