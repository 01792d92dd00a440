import type { ColumnSpec, ModelVersion } from '../registry/types';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, MAX_KEY_CHARS, MAX_OBJECT_KEYS } from './body-limits';
import type { Endpoint } from './endpoint';
import { MAX_STRING_LENGTH } from './validate';

export type Schema = Record<string, unknown>;

/** What an endpoint's operations are documented from: its settings and the version answering. */
export interface Documented {
  endpoint: Endpoint;
  version: ModelVersion;
}

export const BODY_TOO_LARGE = `Body over ${MAX_BODY_BYTES / 1024 / 1024} MB (not read further)`;
export const VALIDATION_ERROR = `Validation Error: every bad field; also a body that is not UTF-8, nested over ${MAX_JSON_DEPTH} levels, with an object of over ${MAX_OBJECT_KEYS} keys, a key over ${MAX_KEY_CHARS} characters or a key given twice`;

export const schemaName = (name: string) =>
  name.replace(/(^|[-_ ])(\w)/g, (_, __, c: string) => c.toUpperCase());
export const inputSchemaName = (endpoint: string) => `${schemaName(endpoint)}Input`;

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

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const jsonBody = (schema: Schema, example?: unknown) => ({
  required: true,
  content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
});
export const jsonResponse = (description: string, schema: Schema) => ({
  description,
  content: { 'application/json': { schema } },
});
export const httpError = (description: string) => jsonResponse(description, ref('HTTPError'));

/** The refusals of every scoring operation. */
export const scoringErrors = () => ({
  '404': httpError('No such endpoint'),
  '413': jsonResponse(BODY_TOO_LARGE, ref('HTTPValidationError')),
  '415': jsonResponse('Body is not JSON', ref('HTTPValidationError')),
  '422': jsonResponse(VALIDATION_ERROR, ref('HTTPValidationError')),
  '500': httpError('The model failed on this input'),
  '503': httpError('No version deployed'),
});

/** MLflow's batch formats, as `invocations` and `jobs` take them. */
export const batchSchema = (input: string) => ({
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
  } as Record<string, unknown>,
});

/** FastAPI's error schemas (so clients written against FastAPI parse ours), and predictions. */
export const COMPONENT_SCHEMAS = {
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
    required: ['predictions', 'model', 'version', 'variant', 'request_id'],
    properties: {
      predictions: { type: 'array', items: { type: 'number' } },
      model: { type: 'string' },
      version: { type: 'integer' },
      variant: { type: 'string' },
      request_id: { type: 'string' },
    },
  },
};

/** An endpoint's input schema, from the signature of the version answering most of its traffic. */
export function inputSchema({ endpoint, version }: Documented): Schema {
  const inputs = version.signature.inputs;
  const title = inputSchemaName(endpoint.name);
  return {
    type: 'object',
    title,
    description: `Inputs of ${endpoint.model} v${version.version}`,
    required: inputs.map((c) => c.name),
    additionalProperties: false,
    properties: Object.fromEntries(inputs.map((c) => [c.name, columnSchema(c)])),
    ...(version.inputExample[0] ? { examples: [version.inputExample[0]] } : {}),
  };
}
