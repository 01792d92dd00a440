import type { ColumnSpec, ModelVersion } from '../registry/types';
import { COURSE_ENDPOINT } from './course-app';
import type { Endpoint } from './endpoint';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, MAX_KEY_CHARS, MAX_OBJECT_KEYS } from './body-limits';
import { MAX_STRING_LENGTH } from './validate';

const BODY_TOO_LARGE = `Body over ${MAX_BODY_BYTES / 1024 / 1024} MB (not read further)`;
const VALIDATION_ERROR = `Validation Error: every bad field; also a body that is not UTF-8, nested over ${MAX_JSON_DEPTH} levels, with an object of over ${MAX_OBJECT_KEYS} keys, a key over ${MAX_KEY_CHARS} characters or a key given twice`;

type Schema = Record<string, unknown>;

function columnSchema(c: ColumnSpec): Schema {
  switch (c.type) {
    case 'double':
      return { type: 'number', title: c.name };
    case 'long':
      return { type: 'integer', title: c.name };
    case 'boolean':
      return { type: 'boolean', title: c.name };
    case 'string':
      return { type: 'string', maxLength: MAX_STRING_LENGTH, title: c.name };
    case 'datetime':
      return {
        type: 'string',
        format: 'date-time',
        title: c.name,
        examples: ['2016-03-14 17:24:55'],
      };
  }
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: Schema, example?: unknown) => ({
  required: true,
  content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
});
const jsonResponse = (description: string, schema: Schema) => ({
  description,
  content: { 'application/json': { schema } },
});
const httpError = (description: string) => jsonResponse(description, ref('HTTPError'));

/** FastAPI's error schemas, so clients written against FastAPI parse ours. */
const ERROR_SCHEMAS = {
  ValidationError: {
    type: 'object',
    required: ['loc', 'msg', 'type'],
    properties: {
      loc: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
      msg: { type: 'string' },
      type: { type: 'string' },
      input: {},
    },
  },
  HTTPValidationError: {
    type: 'object',
    properties: { detail: { type: 'array', items: ref('ValidationError') } },
  },
  HTTPError: { type: 'object', properties: { detail: { type: 'string' } } },
};

function endpointPaths(e: Endpoint, version: ModelVersion) {
  const input = `${schemaName(e.name)}Input`;
  const example = version.inputExample[0];
  const base = `/v1/models/${e.name}`;
  const errors = {
    '404': httpError('No such endpoint'),
    '413': jsonResponse(BODY_TOO_LARGE, ref('HTTPValidationError')),
    '415': jsonResponse('Body is not JSON', ref('HTTPValidationError')),
    '422': jsonResponse(VALIDATION_ERROR, ref('HTTPValidationError')),
    '500': httpError('The model failed on this input'),
    '503': httpError('No version deployed'),
  };
  const batch = {
    type: 'object',
    properties: {
      dataframe_records: { type: 'array', items: ref(input) },
      dataframe_split: {
        type: 'object',
        properties: {
          columns: { type: 'array', items: { type: 'string' } },
          data: { type: 'array' },
        },
      },
    },
  };
  return {
    [`${base}/predict`]: {
      post: {
        summary: `Predict ${version.signature.outputs[0]?.name ?? 'the target'} for one row`,
        operationId: `predict_${e.name}`,
        tags: [e.name],
        parameters: [
          {
            name: 'x-request-key',
            in: 'header',
            required: false,
            description: 'Sticky routing key: the same key always reaches the same variant.',
            schema: { type: 'string' },
          },
        ],
        requestBody: jsonBody(ref(input), example),
        responses: { '200': jsonResponse('Successful Response', ref('Prediction')), ...errors },
      },
    },
    [`${base}/invocations`]: {
      post: {
        summary: 'Score a batch of rows (MLflow-compatible formats)',
        operationId: `invocations_${e.name}`,
        tags: [e.name],
        requestBody: jsonBody(batch, { dataframe_records: version.inputExample.slice(0, 2) }),
        responses: {
          '200': jsonResponse('Successful Response', ref('Predictions')),
          ...errors,
          '413': httpError(`More than ${e.maxBatchRows} rows, or ${BODY_TOO_LARGE.toLowerCase()}`),
        },
      },
    },
    [`${base}/jobs`]: {
      post: {
        summary: 'Queue a batch for asynchronous scoring; poll /v1/jobs/{job_id}',
        operationId: `jobs_${e.name}`,
        tags: [e.name],
        requestBody: jsonBody(
          { ...batch, properties: { ...batch.properties, callback_url: { type: 'string' } } },
          { dataframe_records: version.inputExample.slice(0, 2) },
        ),
        responses: { '202': jsonResponse('Accepted', ref('Job')), ...errors },
      },
    },
    [`${base}/labels`]: {
      post: {
        summary: 'Send ground truth for earlier requests (delayed labels)',
        operationId: `labels_${e.name}`,
        tags: [e.name],
        requestBody: jsonBody(
          {
            type: 'array',
            items: {
              type: 'object',
              required: ['request_id', 'label'],
              properties: { request_id: { type: 'string' }, label: { type: 'number' } },
            },
          },
          [{ request_id: '…', label: 1 }],
        ),
        responses: {
          '200': jsonResponse('Labels stored', { type: 'object' }),
          ...errors,
          '413': httpError(
            `More than ${e.maxBatchRows} labels, or ${BODY_TOO_LARGE.toLowerCase()}`,
          ),
        },
      },
    },
    [`${base}/health`]: {
      get: {
        summary: 'Whether the endpoint can answer, and with what',
        operationId: `health_${e.name}`,
        tags: [e.name],
        responses: { '200': jsonResponse('Health', { type: 'object' }), '404': errors['404'] },
      },
    },
  };
}

/**
 * The course's own diabetes API (FastAPI in the course), served beside `v1/models/diabetes/…`:
 * the same model and checks, the course's shapes (`{result}`, `{x, y}`).
 */
function coursePaths(e: Endpoint, version: ModelVersion) {
  const input = ref(`${schemaName(e.name)}Input`);
  const errors = {
    '413': jsonResponse(BODY_TOO_LARGE, ref('HTTPValidationError')),
    '415': jsonResponse('Body is not JSON', ref('HTTPValidationError')),
    '422': jsonResponse(VALIDATION_ERROR, ref('HTTPValidationError')),
    '500': httpError('The model failed on this input'),
    '503': httpError('No version deployed'),
  };
  return {
    [`/${COURSE_ENDPOINT}/predict`]: {
      post: {
        summary: `The course's API: predict ${version.signature.outputs[0]?.name ?? 'the target'} for one patient`,
        operationId: 'course_predict',
        tags: ['course'],
        requestBody: jsonBody(input, version.inputExample[0]),
        responses: {
          '200': jsonResponse('Successful Response', {
            type: 'object',
            required: ['result'],
            properties: { result: { type: 'number', title: 'Result' } },
          }),
          ...errors,
        },
      },
    },
    [`/${COURSE_ENDPOINT}/patients/randomtest`]: {
      get: {
        summary: "The course's API: a random patient of the test split, inputs and observed target",
        operationId: 'course_random_patient',
        tags: ['course'],
        responses: {
          '200': jsonResponse('A patient', {
            type: 'object',
            required: ['x', 'y'],
            properties: {
              x: input,
              y: { type: 'number', title: 'Observed', description: 'The observed target' },
            },
          }),
          '503': errors['503'],
        },
      },
    },
  };
}

export const schemaName = (name: string) =>
  name.replace(/(^|[-_ ])(\w)/g, (_, __, c: string) => c.toUpperCase());

/**
 * The OpenAPI 3.1 document of the API: each served endpoint's inputs come from the signature
 * of the version answering most of its traffic.
 */
export function openApiDocument(
  served: { endpoint: Endpoint; version: ModelVersion }[],
  serverUrl: string,
) {
  const schemas: Record<string, unknown> = {
    ...ERROR_SCHEMAS,
    Prediction: {
      type: 'object',
      required: ['prediction', 'model', 'version', 'variant', 'request_id'],
      properties: {
        prediction: { type: 'number' },
        model: { type: 'string' },
        version: { type: 'integer' },
        variant: { type: 'string' },
        request_id: { type: 'string' },
      },
    },
    Predictions: {
      type: 'object',
      properties: {
        predictions: { type: 'array', items: { type: 'number' } },
        request_id: { type: 'string' },
      },
    },
    Job: {
      type: 'object',
      properties: {
        job_id: { type: 'string' },
        status: { enum: ['queued', 'running', 'done', 'failed'] },
        position: { type: 'integer' },
      },
    },
  };
  const paths: Record<string, unknown> = {
    '/v1/health': {
      get: {
        summary: 'The API is up',
        operationId: 'health',
        responses: { '200': jsonResponse('OK', { type: 'object' }) },
      },
    },
    '/v1/models': {
      get: {
        summary: 'Served endpoints',
        operationId: 'models',
        responses: { '200': jsonResponse('Endpoints', { type: 'array' }) },
      },
    },
    '/v1/jobs/{job_id}': {
      get: {
        summary: 'An asynchronous job: its place in the queue, then its result',
        operationId: 'job',
        parameters: [{ name: 'job_id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': jsonResponse('Job', ref('Job')), '404': httpError('No such job') },
      },
    },
  };
  for (const { endpoint, version } of served) {
    const inputs = version.signature.inputs;
    schemas[`${schemaName(endpoint.name)}Input`] = {
      type: 'object',
      title: `${schemaName(endpoint.name)}Input`,
      description: `Inputs of ${endpoint.model} v${version.version}`,
      required: inputs.map((c) => c.name),
      additionalProperties: false,
      properties: Object.fromEntries(inputs.map((c) => [c.name, columnSchema(c)])),
      ...(version.inputExample[0] ? { examples: [version.inputExample[0]] } : {}),
    };
    Object.assign(paths, endpointPaths(endpoint, version));
    if (endpoint.name === COURSE_ENDPOINT) Object.assign(paths, coursePaths(endpoint, version));
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'MLOps Labbook prediction API',
      version: '1.0.0',
      description:
        'Served by the Labbook in this browser (its service worker, or an in-page router with the same contract). Models come from the model registry with their saved preprocessing.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: { schemas },
  };
}
