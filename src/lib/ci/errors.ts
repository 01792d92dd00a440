import { LabbookError } from '../errors';

/** Every code a workflow problem carries (docs/ci.md lists them with their fixes). */
export type CiErrorCode =
  | 'bad-yaml'
  | 'yaml-bomb'
  | 'unknown-key'
  | 'bad-field'
  | 'missing-field'
  | 'unknown-job'
  | 'needs-cycle'
  | 'matrix-too-large'
  | 'bad-expression'
  | 'unknown-action'
  | 'unknown-input'
  | 'missing-input'
  | 'unknown-command'
  | 'bad-cron'
  | 'step-timeout'
  | 'cancelled'
  | 'step-failed'
  | 'protected'
  | 'no-workflow';

/** Where a problem sits: the workflow file and a 1-based line and column (0 when unknown). */
export interface CiLocation {
  file: string;
  line: number;
  column: number;
}

/** A workflow problem as a value: what, where, and the fix, worded for the student. */
export class CiError extends LabbookError<CiErrorCode> {
  override name = 'CiError';
  constructor(
    code: CiErrorCode,
    message: string,
    readonly at?: CiLocation,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** A validation problem found while reading a workflow (there can be many per file). */
export interface CiProblem extends CiLocation {
  code: CiErrorCode;
  message: string;
}

/** The one format: `file:line:column error CODE: message`. */
export function formatProblem(p: CiProblem): string {
  return `${p.file}:${p.line}:${p.column} error ${p.code}: ${p.message}`;
}
