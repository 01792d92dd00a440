import { COURSE_ENDPOINT } from './course-app';
import type { ServingContext } from './context';
import { API_LOG } from './endpoint';
import type { ApiRequest, ApiResponse } from './http';
import type { RouteSpec } from './routes';

/**
 * The log name of an answer the router logs itself: the endpoint the route names when it exists
 * (a 404 for an unknown name goes to the API's log, so a typo starts no log of its own), else
 * the API's own log.
 */
function logName(route: RouteSpec | null, params: Record<string, string>, status: number) {
  if (!route || status === 404) return API_LOG;
  if (params.name !== undefined) return params.name;
  return route.scope === 'course' ? COURSE_ENDPOINT : API_LOG;
}

/** Rows a label post carried, as its answer counts them (`{labelled, unknown}`). */
export function labelRows(response: ApiResponse): number {
  const body = response.body as { labelled?: unknown; unknown?: unknown } | null;
  return typeof body?.labelled === 'number' && Array.isArray(body.unknown)
    ? body.labelled + body.unknown.length
    : 0;
}

/**
 * Logs an answer of a route that does not log itself (reads, documents, job polls, inboxes,
 * labels), of no route at all (400, 404, 405), or a 500 of a handler that threw: every request
 * the API answers is in a log.
 */
export function logAnswer(
  ctx: ServingContext,
  req: ApiRequest,
  /** `threw`: the handler failed before it could log (a 500 the router made). */
  found: { route: RouteSpec | null; params: Record<string, string>; threw?: boolean },
  t0: number,
  response: ApiResponse,
): ApiResponse {
  const { route, params } = found;
  if (route?.logsItself && !found.threw) return response;
  const labels = route?.operation === 'labels';
  const name = logName(route, params, response.status);
  return ctx.log.answered(
    req,
    { name, t0, pattern: labels ? 'labels' : 'api' },
    response,
    labels ? { rows: labelRows(response) } : {},
  );
}
