import { z } from 'zod';
import { ANSWER_SCHEMAS, COMMON_RESPONSES, commonResponses } from '../openapi-answers';
import {
  BODY_TOO_LARGE,
  COMPONENT_SCHEMAS,
  httpError,
  jsonBody,
  jsonResponse,
  ref,
  type Schema,
  VALIDATION_ERROR,
} from '../openapi-schemas';
import { LABELS_REQUEST, labelsResponses } from '../routes';
import type { CheckedRoute, StudentApi } from './declaration';

/** A zod schema as JSON Schema (computed fields and transforms shown as what they accept/give). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Schema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Schema;
  return rest;
}

/**
 * What a route answers. A `.transform()` (computed fields) has no JSON Schema for its output, so
 * the fields the handler returns (the transform's input) are documented instead of nothing.
 */
function responseSchema(schema: z.ZodType): Schema {
  const output = jsonSchema(schema, 'output');
  return Object.keys(output).length ? output : jsonSchema(schema, 'input');
}

const operationId = (route: CheckedRoute) =>
  `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, '')}`;

function operation(route: CheckedRoute) {
  const parameters = [
    ...route.params.map((p) => ({
      name: p,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...queryParameters(route),
  ];
  return {
    summary: route.summary || `${route.method} ${route.path}`,
    operationId: operationId(route),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: jsonBody(jsonSchema(route.body, 'input')) } : {}),
    responses: {
      ...commonResponses(),
      '200': jsonResponse(
        'Successful Response',
        route.response ? responseSchema(route.response) : {},
      ),
      // The router reads every body first (any method may carry one), as for the built-in API.
      '413': jsonResponse(BODY_TOO_LARGE, ref('HTTPValidationError')),
      '415': jsonResponse('Body is not JSON', ref('HTTPValidationError')),
      '422': jsonResponse(VALIDATION_ERROR, ref('HTTPValidationError')),
      '503': httpError('No Labbook page is open to run the API, or its worker stopped'),
      '500': httpError('The handler failed (the error is in the request log)'),
      '504': httpError('The handler did not answer within its time limit'),
    },
  };
}

/** A query schema's fields as OpenAPI query parameters (FastAPI lists each one). */
function queryParameters(route: CheckedRoute) {
  if (!route.query) return [];
  const schema = jsonSchema(route.query, 'input') as {
    properties?: Record<string, Schema>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: s,
  }));
}

/**
 * The OpenAPI 3.1 document of a student's API, generated from its zod schemas as FastAPI does
 * from pydantic models; the health route and this document are listed with the student's routes.
 */
export function studentOpenApi(api: StudentApi, project: string, serverUrl: string) {
  // Under the API's root, as the built-in document's paths are: Try it and clients need no other base.
  const base = `/student/${project}`;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of api.routes)
    (paths[`${base}${route.path}`] ??= {})[route.method.toLowerCase()] = operation(route);
  // After the student's own routes: the docs page opens the first operation.
  (paths[`${base}/health`] ??= {}).get = {
    summary: 'The API is up, and its routes load',
    operationId: 'health',
    responses: {
      ...commonResponses(),
      '200': jsonResponse('OK', { type: 'object' }),
      '503': httpError('The API cannot start'),
    },
  };
  // Ground truth for logged requests: the built-in endpoints' labels contract, answered by the Labbook.
  (paths[`${base}/labels`] ??= {}).post = {
    summary: 'Send ground truth for earlier requests (delayed labels)',
    operationId: 'labels',
    requestBody: jsonBody(LABELS_REQUEST.schema, LABELS_REQUEST.example),
    responses: { ...commonResponses(), ...labelsResponses(null) },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: api.title,
      version: api.version,
      description:
        api.description ||
        `The API of project "${project}", declared in ${api.file} and run in a worker of this browser.`,
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { ...COMPONENT_SCHEMAS, LabelsStored: ANSWER_SCHEMAS.LabelsStored },
      responses: COMMON_RESPONSES,
    },
  };
}
