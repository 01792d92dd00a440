import { LabbookError } from '../errors';

/** One bad field, as pydantic reports it (FastAPI's 422 body is `{ detail: ValidationIssue[] }`). */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
  input?: unknown;
}

export type ServingErrorCode =
  | 'bad-deployment'
  | 'unknown-endpoint'
  | 'not-deployed'
  | 'bad-request'
  | 'bad-callback'
  /** A model (or a fault injected on it) failed to score; the message says which version. */
  | 'model-failed'
  /** A data version lacks what scoring or the simulator needs from it. */
  | 'bad-dataset'
  /** The load test found nothing to send, or routed nothing. */
  | 'no-traffic'
  /** An API path built without one of its parameters, or a README without its route markers. */
  | 'bad-route'
  /** A project's `api.js` that cannot be served: the message names the file, the route and the fix. */
  | 'bad-student-api';

/** A refusal from the serving control plane (deploy, switch, rollback…) a student can act on. */
export class ServingError extends LabbookError<ServingErrorCode> {
  constructor(code: ServingErrorCode, message: string) {
    super(code, message);
    this.name = 'ServingError';
  }
}
