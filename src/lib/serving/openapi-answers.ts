import { httpError, ref, type Schema } from './openapi-schemas';

const nullable = (type: string, description: string) => ({ type: [type, 'null'], description });
const integer = (description: string) => ({ type: 'integer', description });
const string = (description: string) => ({ type: 'string', description });

const STRATEGY = { enum: ['none', 'single', 'blue-green', 'canary', 'shadow'] };

/** Where each served version stands: what `v1/models/{name}` and `…/health` answer. */
const VERSION_HEALTH: Schema = {
  type: 'object',
  required: ['version', 'loaded', 'error'],
  properties: {
    version: integer('The registered version'),
    loaded: { type: 'boolean', description: 'Whether its model loads' },
    error: nullable('string', 'Why it does not load'),
  },
};

/** The answers of the API's own operations, as the handlers (src/lib/serving/handlers) give them. */
export const ANSWER_SCHEMAS: Record<string, Schema> = {
  Health: {
    type: 'object',
    required: ['status', 'endpoints', 'deployed', 'queued_jobs', 'log_failures'],
    properties: {
      status: { const: 'ok' },
      endpoints: integer('Endpoints defined'),
      deployed: integer('Endpoints with a version deployed'),
      queued_jobs: integer('Asynchronous jobs waiting'),
      log_failures: {
        type: 'object',
        description: 'Requests answered but not stored in the request log, and the latest reason',
        required: ['count', 'reason', 'at'],
        properties: {
          count: { type: 'integer' },
          reason: nullable('string', 'The latest reason'),
          at: nullable('number', 'When (epoch ms)'),
        },
      },
    },
  },
  EndpointSummary: {
    type: 'object',
    required: ['name', 'model', 'strategy', 'deployment', 'versions'],
    properties: {
      name: string('The endpoint'),
      model: string('The registered model it serves'),
      strategy: STRATEGY,
      deployment: string('The deployment in words, e.g. "canary v2 at 10 % over v1"'),
      versions: { type: 'array', items: { type: 'integer' }, description: 'Versions deployed' },
    },
  },
  EndpointHealth: {
    type: 'object',
    required: ['status', 'name', 'model', 'strategy', 'deployment', 'versions'],
    properties: {
      status: { enum: ['ok', 'unavailable'] },
      name: { type: 'string' },
      model: { type: 'string' },
      strategy: STRATEGY,
      deployment: { type: 'string' },
      versions: { type: 'array', items: VERSION_HEALTH },
    },
  },
  JobPredictions: {
    type: 'object',
    description: 'What a job over rows gives: one prediction per row, in order',
    required: ['predictions', 'model', 'version', 'variant'],
    properties: {
      predictions: { type: 'array', items: { type: 'number' } },
      model: { type: 'string' },
      version: { type: 'integer' },
      variant: { type: 'string' },
    },
  },
  JobDataset: {
    type: 'object',
    description: 'What a job over a data version (`{"dataset": name}`) gives: a new data version',
    required: ['dataset', 'source', 'model', 'version', 'rows'],
    properties: {
      dataset: { type: 'object', description: 'The predictions data version (id, name, lineage)' },
      source: string('The scored data version'),
      model: { type: 'string' },
      version: { type: 'integer' },
      rows: { type: 'integer' },
    },
  },
  Job: {
    type: 'object',
    description: 'An asynchronous job: answered 202 when queued, then polled at status_url',
    required: ['job_id', 'status', 'position', 'status_url'],
    properties: {
      job_id: { type: 'string' },
      status: { enum: ['queued', 'running', 'done', 'failed'] },
      position: integer('Place in the queue (1 = next; 0 once it runs)'),
      status_url: string('Where to poll, under the API root: v1/jobs/{job_id}'),
      endpoint: { type: 'string' },
      rows: integer('Rows queued (0 for a data version)'),
      submitted_at: { type: 'number', description: 'Epoch ms' },
      started_at: nullable('number', 'Epoch ms'),
      finished_at: nullable('number', 'Epoch ms'),
      result: {
        description: 'Once done: the predictions (or the new data version); null before',
        anyOf: [{ type: 'null' }, ref('JobPredictions'), ref('JobDataset')],
      },
      error: nullable('string', 'Why the job failed'),
    },
  },
  LabelsStored: {
    type: 'object',
    required: ['labelled', 'unknown'],
    properties: {
      labelled: integer('Logged requests that got their label'),
      unknown: { type: 'array', items: { type: 'string' }, description: 'Request ids not found' },
    },
  },
  InboxStored: {
    type: 'object',
    required: ['stored'],
    properties: { stored: { type: 'boolean' } },
  },
};

/**
 * Answers any path of the API may give: another method of the same path (405, with `Allow`), and
 * a handler that failed (500). Declared on every operation, as the router answers them anywhere.
 */
export const COMMON_RESPONSES = {
  MethodNotAllowed: {
    description: 'Method Not Allowed: this path answers the methods in the Allow header only',
    headers: {
      Allow: { description: 'The methods this path answers', schema: { type: 'string' } },
    },
    content: { 'application/json': { schema: ref('HTTPError') } },
  },
  InternalError: httpError('Internal error: the operation failed (the detail says why)'),
};

export const commonResponses = () => ({
  '405': { $ref: '#/components/responses/MethodNotAllowed' },
  '500': { $ref: '#/components/responses/InternalError' },
});
