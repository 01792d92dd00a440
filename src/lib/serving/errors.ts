/** One bad field, as pydantic reports it (FastAPI's 422 body is `{ detail: ValidationIssue[] }`). */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
  input?: unknown;
}

export type ServingErrorCode =
  'bad-deployment' | 'unknown-endpoint' | 'not-deployed' | 'bad-request' | 'bad-callback';

/** A refusal from the serving control plane (deploy, switch, rollback…) a student can act on. */
export class ServingError extends Error {
  constructor(
    readonly code: ServingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServingError';
  }
}
