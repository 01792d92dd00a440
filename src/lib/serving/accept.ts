import { keyIssue, readJsonBody } from './body-limits';
import type { ServingContext } from './context';
import type { Endpoint, Pattern } from './endpoint';
import type { ApiRequest, ApiResponse } from './http';
import type { Refusal } from './request-logger';

export type Accepted =
  { response: ApiResponse } | { endpoint: Endpoint; body: unknown; at: Refusal };

/**
 * The checks every scoring request passes first: a served endpoint, a sane routing key, a JSON
 * body. A refusal is logged here; `at` (with the endpoint) is for the handler's own refusals.
 */
export async function acceptScoring(
  ctx: ServingContext,
  req: ApiRequest,
  name: string,
  pattern: Pattern,
): Promise<Accepted> {
  const at: Refusal = { name, t0: ctx.d.clock(), pattern };
  // The endpoint first, as a router matches the path before reading the body (FastAPI's order).
  const served = await ctx.endpoints.served(name);
  if ('response' in served)
    // An unknown name has no log to go to: logging it would start one for every typo.
    return served.response.status === 404
      ? served
      : { response: ctx.log.refuse(req, at, served.response) };
  at.endpoint = served.endpoint;
  const badKey = keyIssue(req);
  if (badKey) return { response: ctx.log.refuse(req, at, badKey) };
  const parsed = readJsonBody(req);
  if ('refused' in parsed) return { response: ctx.log.refuse(req, at, parsed.refused) };
  return { endpoint: served.endpoint, body: parsed.value, at };
}
