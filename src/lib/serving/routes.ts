import { ServingError } from './errors';
import { COURSE_ENDPOINT } from './course-app';
import {
  batchSchema,
  BODY_TOO_LARGE,
  VALIDATION_ERROR,
  httpError,
  inputSchemaName,
  jsonResponse,
  ref,
  scoringErrors,
  type Documented,
  type Schema,
} from './openapi-schemas';

/** Which handler answers a route (src/lib/serving/handlers, by this name). */
export type OperationName =
  | 'health'
  | 'models'
  | 'job'
  | 'openApi'
  | 'readInbox'
  | 'postInbox'
  | 'predict'
  | 'invocations'
  | 'submitJob'
  | 'labels'
  | 'endpointHealth'
  | 'endpointInfo'
  | 'endpointOpenApi'
  | 'coursePredict'
  | 'randomPatient';

/**
 * Where a route is documented: once for the whole API, once per served endpoint (`{name}` filled
 * in), or with the course's app when its endpoint is served.
 */
export type RouteScope = 'api' | 'endpoint' | 'course';

export interface RouteSpec {
  method: 'GET' | 'POST';
  /** Under `<site>/api/`, parameters in braces: `v1/models/{name}/predict`. */
  path: string;
  operation: OperationName;
  /** OpenAPI's operationId; `{name}` is the endpoint's name. */
  operationId: string;
  scope: RouteScope;
  /** One line; `{target}` is the model's output (e.g. `progression`). */
  summary: string;
  /** Header parameters (path parameters come from `path`). */
  headers?: { name: string; description: string }[];
  /** The JSON body, for the endpoint documented (null for the API's own routes). */
  request?: (on: Documented) => { schema: Schema; example?: unknown };
  responses: (on: Documented | null) => Record<string, unknown>;
  /**
   * Scoring routes log each request themselves (with its rows, variant and predictions); the
   * router logs every other answer (request-log-entry.ts).
   */
  logsItself?: true;
}

const input = (on: Documented | null) => ref(inputSchemaName(on?.endpoint.name ?? 'model'));
const twoRows = (on: Documented) => ({ dataframe_records: on.version.inputExample.slice(0, 2) });
const rowLimit = (on: Documented | null, what: string) =>
  httpError(
    `More than ${on?.endpoint.maxBatchRows ?? 'maxBatchRows'} ${what}, or ${BODY_TOO_LARGE.toLowerCase()}`,
  );

/** The body of a label post, `[{request_id, label}]`: built-in endpoints and students' APIs. */
export const LABELS_REQUEST = {
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['request_id', 'label'],
      properties: { request_id: { type: 'string' }, label: { type: 'number' } },
    },
  },
  example: [{ request_id: '…', label: 1 }],
};

/** A label post's answers, for one endpoint or API (null: documented for none). */
export const labelsResponses = (on: Documented | null) => ({
  '200': jsonResponse('Labels stored', ref('LabelsStored')),
  ...scoringErrors(),
  '413': rowLimit(on, 'labels'),
});

/** The API's one list of routes: the matcher, the OpenAPI document and the READMEs come from it. */
export const ROUTES: readonly RouteSpec[] = [
  {
    method: 'GET',
    path: 'v1/health',
    operation: 'health',
    operationId: 'health',
    scope: 'api',
    summary: 'The API is up',
    responses: () => ({ '200': jsonResponse('OK', ref('Health')) }),
  },
  {
    method: 'GET',
    path: 'v1/models',
    operation: 'models',
    operationId: 'models',
    scope: 'api',
    summary: 'Served endpoints',
    responses: () => ({
      '200': jsonResponse('Endpoints', { type: 'array', items: ref('EndpointSummary') }),
    }),
  },
  {
    method: 'GET',
    path: 'v1/jobs/{job_id}',
    operation: 'job',
    operationId: 'job',
    scope: 'api',
    summary: 'An asynchronous job: its place in the queue, then its result',
    responses: () => ({ '200': jsonResponse('Job', ref('Job')), '404': httpError('No such job') }),
  },
  {
    method: 'GET',
    path: 'v1/openapi.json',
    operation: 'openApi',
    operationId: 'openapi',
    scope: 'api',
    summary: 'This document, for every served endpoint',
    responses: () => ({ '200': jsonResponse('OpenAPI 3.1', { type: 'object' }) }),
  },
  {
    method: 'GET',
    path: 'v1/webhooks/{inbox}',
    operation: 'readInbox',
    operationId: 'read_inbox',
    scope: 'api',
    summary: 'What reached an inbox: finished jobs whose callback_url named it, or anything posted',
    responses: () => ({
      '200': jsonResponse('Items, oldest first (any JSON values)', { type: 'array', items: {} }),
    }),
  },
  {
    method: 'POST',
    path: 'v1/webhooks/{inbox}',
    operation: 'postInbox',
    operationId: 'post_inbox',
    scope: 'api',
    summary: 'Deliver any JSON value to an inbox (a callback of this API)',
    responses: () => ({
      '200': jsonResponse('Stored', ref('InboxStored')),
      '413': jsonResponse(BODY_TOO_LARGE, ref('HTTPValidationError')),
      '415': jsonResponse('Body is not JSON', ref('HTTPValidationError')),
      '422': jsonResponse(VALIDATION_ERROR, ref('HTTPValidationError')),
    }),
  },
  {
    method: 'POST',
    path: 'v1/models/{name}/predict',
    operation: 'predict',
    logsItself: true,
    operationId: 'predict_{name}',
    scope: 'endpoint',
    summary: 'Predict {target} for one row',
    headers: [
      {
        name: 'x-request-key',
        description: 'Sticky routing key: the same key always reaches the same variant.',
      },
    ],
    request: (on) => ({ schema: input(on), example: on.version.inputExample[0] }),
    responses: () => ({
      '200': jsonResponse('Successful Response', ref('Prediction')),
      ...scoringErrors(),
    }),
  },
  {
    method: 'POST',
    path: 'v1/models/{name}/invocations',
    operation: 'invocations',
    logsItself: true,
    operationId: 'invocations_{name}',
    scope: 'endpoint',
    summary: 'Score a batch of rows (MLflow-compatible formats)',
    request: (on) => ({
      schema: batchSchema(inputSchemaName(on.endpoint.name)),
      example: twoRows(on),
    }),
    responses: (on) => ({
      '200': jsonResponse('Successful Response', ref('Predictions')),
      ...scoringErrors(),
      '413': rowLimit(on, 'rows'),
    }),
  },
  {
    method: 'POST',
    path: 'v1/models/{name}/jobs',
    operation: 'submitJob',
    logsItself: true,
    operationId: 'jobs_{name}',
    scope: 'endpoint',
    summary: 'Queue a batch for asynchronous scoring; poll /v1/jobs/{job_id}',
    request: (on) => {
      const batch = batchSchema(inputSchemaName(on.endpoint.name));
      batch.properties.callback_url = { type: 'string' };
      return { schema: batch, example: twoRows(on) };
    },
    responses: () => ({ '202': jsonResponse('Accepted', ref('Job')), ...scoringErrors() }),
  },
  {
    method: 'POST',
    path: 'v1/models/{name}/labels',
    operation: 'labels',
    operationId: 'labels_{name}',
    scope: 'endpoint',
    summary: 'Send ground truth for earlier requests (delayed labels)',
    request: () => LABELS_REQUEST,
    responses: labelsResponses,
  },
  {
    method: 'GET',
    path: 'v1/models/{name}/health',
    operation: 'endpointHealth',
    operationId: 'health_{name}',
    scope: 'endpoint',
    summary: 'Whether the endpoint can answer, and with what',
    responses: () => ({
      '200': jsonResponse('Every deployed version loads', ref('EndpointHealth')),
      '404': httpError('No such endpoint'),
      '503': jsonResponse(
        'A deployed version does not load, or none is deployed',
        ref('EndpointHealth'),
      ),
    }),
  },
  {
    method: 'GET',
    path: 'v1/models/{name}',
    operation: 'endpointInfo',
    operationId: 'endpoint_{name}',
    scope: 'endpoint',
    summary: 'The endpoint: its deployment, and whether each version loads (as …/health)',
    responses: () => ({
      '200': jsonResponse('Every deployed version loads', ref('EndpointHealth')),
      '404': httpError('No such endpoint'),
      '503': jsonResponse(
        'A deployed version does not load, or none is deployed',
        ref('EndpointHealth'),
      ),
    }),
  },
  {
    method: 'GET',
    path: 'v1/models/{name}/openapi.json',
    operation: 'endpointOpenApi',
    operationId: 'openapi_{name}',
    scope: 'endpoint',
    summary: 'The OpenAPI document of this endpoint alone',
    responses: () => ({
      '200': jsonResponse('OpenAPI 3.1', { type: 'object' }),
      '404': httpError('No such endpoint'),
    }),
  },
  {
    method: 'POST',
    path: `${COURSE_ENDPOINT}/predict`,
    operation: 'coursePredict',
    logsItself: true,
    operationId: 'course_predict',
    scope: 'course',
    summary: "The course's API: predict {target} for one patient",
    request: (on) => ({ schema: input(on), example: on.version.inputExample[0] }),
    responses: () => {
      const { '404': _, ...errors } = scoringErrors();
      return {
        ...errors,
        '200': jsonResponse('Successful Response', {
          type: 'object',
          required: ['result'],
          properties: { result: { type: 'number', title: 'Result' } },
        }),
        '404': httpError("The course's endpoint is not defined"),
      };
    },
  },
  {
    method: 'GET',
    path: `${COURSE_ENDPOINT}/patients/randomtest`,
    operation: 'randomPatient',
    operationId: 'course_random_patient',
    scope: 'course',
    summary: "The course's API: a random patient of the test split, inputs and observed target",
    responses: (on) => ({
      '200': jsonResponse('A patient', {
        type: 'object',
        required: ['x', 'y'],
        properties: {
          x: input(on),
          y: { type: 'number', title: 'Observed', description: 'The observed target' },
        },
      }),
      '404': httpError("The course's endpoint is not defined"),
      '503': httpError('No version deployed, or no patients table here'),
    }),
  },
];

/** A template's parameter names, in order: `v1/jobs/{job_id}` → `['job_id']`. */
export const pathParams = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** A template as an anchored pattern: each parameter one path segment. */
export function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\{\w+\}/g, '([^/]+)')}$`);
}

export type Match =
  { route: RouteSpec; params: Record<string, string> } | { allow: string[] } | null;

/** The route a request's method and path reach; the methods allowed there (405); or none (404). */
export function matchRoute(
  method: string,
  path: string,
  routes: readonly RouteSpec[] = ROUTES,
): Match {
  const matching = routes.flatMap((route) => {
    const values = pathPattern(route.path).exec(path);
    if (!values) return [];
    const names = pathParams(route.path);
    return [{ route, params: Object.fromEntries(names.map((n, i) => [n, values[i + 1]!])) }];
  });
  if (matching.length === 0) return null;
  return (
    matching.find((m) => m.route.method === method) ?? {
      allow: matching.map((m) => m.route.method),
    }
  );
}

/**
 * An operation's path with its parameters filled in (each %-encoded), e.g.
 * `apiRoute('predict', { name: 'diabetes' })` → `v1/models/diabetes/predict`: links and calls
 * spell no path of their own.
 */
export function apiRoute(operation: OperationName, params: Record<string, string> = {}): string {
  const route = ROUTES.find((r) => r.operation === operation)!;
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined)
      throw new ServingError(
        'bad-route',
        `The route ${route.method} ${route.path} needs "${name}"; pass it in the parameters, e.g. { ${name}: '…' }.`,
      );
    return encodeURIComponent(value);
  });
}
