import { readJsonBody } from '../body-limits';
import type { ServingContext } from '../context';
import {
  DEFAULT_MAX_BATCH_ROWS,
  loggedRow,
  MAX_LOGGED_ROWS,
  type RequestRecord,
} from '../endpoint';
import { applyLabels } from '../handlers/labels';
import { labelRows } from '../request-log-entry';
import type { ValidationIssue } from '../errors';
import { fail, json, type ApiRequest, type ApiResponse } from '../http';
import { loggedIssues } from '../endpoint';
import { refusalError } from '../scoring';
import {
  STUDENT_PREFIX,
  STUDENT_PROJECT,
  studentEndpoint,
  type StudentAnswer,
  type StudentCall,
} from './protocol';

const NO_HOST = (project: string) =>
  `Service Unavailable: no Labbook page is open to run the API of project "${project}". Student code runs in a worker that a Labbook page starts (never in the service worker), so open the Labbook in a tab of this browser and send the request again.`;

/**
 * `api/student/<project>/…`: the router's own body check (size, depth, keys, 415/413/422 as for
 * every built-in route), then the project's code in its host (a worker under a watchdog), then
 * the request log through the same logger as built-in endpoints, refusals included. `POST labels`
 * is the router's own, as on a built-in endpoint.
 */
export async function studentRoute(ctx: ServingContext, req: ApiRequest): Promise<ApiResponse> {
  const t0 = ctx.d.clock();
  const rest = req.path.slice(STUDENT_PREFIX.length);
  const slash = rest.indexOf('/');
  const project = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash + 1);
  if (!STUDENT_PROJECT.test(project))
    return fail(
      404,
      `Not Found: "${project.slice(0, 80)}" is not a project name. Student APIs are served at api/student/<project>/<route>, e.g. api/student/taxi-api/predict.`,
    );
  const endpoint = studentEndpoint(project);
  const refuse = (response: ApiResponse) =>
    ctx.log.refuse(req, { name: endpoint, t0, pattern: 'sync' }, response);
  let body: unknown;
  if (req.body !== null && req.body.trim() !== '') {
    const read = readJsonBody(req);
    if ('refused' in read) return refuse(read.refused);
    body = read.value;
  } else if (req.bodyRefused) {
    const read = readJsonBody(req);
    if ('refused' in read) return refuse(read.refused);
  }
  // Delayed labels, as for a built-in endpoint: the router answers them (no student code runs),
  // so monitoring can join ground truth to this API's logged requests.
  if (req.method === 'POST' && path === 'labels') {
    const response = await applyLabels(ctx, body, DEFAULT_MAX_BATCH_ROWS);
    return ctx.log.answered(req, { name: endpoint, t0, pattern: 'labels' }, response, {
      rows: labelRows(response),
    });
  }
  const host = ctx.d.student;
  if (!host) return refuse(fail(503, NO_HOST(project)));
  const call: StudentCall = {
    method: req.method,
    path,
    query: req.query,
    body,
    serverUrl: ctx.d.serverUrl,
  };
  let answer: StudentAnswer;
  try {
    answer = await host(project, call);
  } catch (error) {
    answer = {
      ...fail(503, `${NO_HOST(project)} (${(error as Error)?.message ?? String(error)})`),
    };
  }
  const id = ctx.d.newId();
  if (path !== 'openapi.json')
    ctx.log.log(record(ctx, req, endpoint, id, answer, body, t0), undefined);
  return json(answer.status, answer.body, { 'x-request-id': id });
}

function record(
  ctx: ServingContext,
  req: ApiRequest,
  endpoint: string,
  id: string,
  answer: StudentAnswer,
  body: unknown,
  t0: number,
): RequestRecord {
  const detail = (answer.body as { detail?: unknown } | null)?.detail;
  const issues = Array.isArray(detail) ? (detail as ValidationIssue[]) : null;
  const scoring = answer.scoring;
  return ctx.log.record(endpoint, req, {
    id,
    key: id,
    pattern: 'sync',
    status: answer.status,
    latencyMs: ctx.d.clock() - t0,
    rows: scoring?.inputs.length ?? (body === undefined ? 0 : 1),
    version: scoring?.version ?? null,
    model: scoring?.model ?? null,
    // The model's rows when the handler scored, else what was sent (cut down, never whole).
    inputs:
      scoring?.inputs.slice(0, MAX_LOGGED_ROWS) ?? (body === undefined ? [] : [loggedRow(body)]),
    predictions: scoring?.predictions.slice(0, MAX_LOGGED_ROWS) ?? [],
    error: answer.status >= 400 ? (answer.error ?? refusalError(detail)).slice(0, 2000) : null,
    detail: issues ? loggedIssues(issues) : null,
  });
}
