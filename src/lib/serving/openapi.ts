import type { ModelVersion } from '../registry/types';
import { COURSE_ENDPOINT } from './course-app';
import { ANSWER_SCHEMAS, COMMON_RESPONSES, commonResponses } from './openapi-answers';
import type { Endpoint } from './endpoint';
import {
  COMPONENT_SCHEMAS,
  inputSchema,
  inputSchemaName,
  jsonBody,
  type Documented,
} from './openapi-schemas';
import { pathParams, ROUTES, type RouteSpec } from './routes';

export { schemaName } from './openapi-schemas';

/** A route's summary with its model's output named (or "the target" where no model is known). */
export const routeSummary = (route: RouteSpec, on: Documented | null) =>
  route.summary.replace('{target}', on?.version.signature.outputs[0]?.name ?? 'the target');

/** A route's OpenAPI operation, documented for one endpoint (or for the API itself). */
function operation(route: RouteSpec, on: Documented | null) {
  const name = on?.endpoint.name;
  const fill = (text: string) => (name === undefined ? text : text.replace('{name}', name));
  const params = pathParams(route.path).filter((p) => !(p === 'name' && name !== undefined));
  const parameters = [
    ...params.map((p) => ({ name: p, in: 'path', required: true, schema: { type: 'string' } })),
    ...(route.headers ?? []).map(({ name, description }) => ({
      name,
      in: 'header',
      required: false,
      description,
      schema: { type: 'string' },
    })),
  ];
  const body = on && route.request?.(on);
  return {
    path: `/${fill(route.path)}`,
    method: route.method.toLowerCase(),
    operation: {
      summary: routeSummary(route, on),
      operationId: fill(route.operationId),
      ...(route.scope === 'api' ? {} : { tags: [route.scope === 'course' ? 'course' : name] }),
      ...(parameters.length ? { parameters } : {}),
      ...(body ? { requestBody: jsonBody(body.schema, body.example) } : {}),
      responses: { ...commonResponses(), ...route.responses(on) },
    },
  };
}

/**
 * The OpenAPI 3.1 document of the API, every operation from the route table: each served
 * endpoint's inputs come from the signature of the version answering most of its traffic.
 */
export function openApiDocument(
  served: { endpoint: Endpoint; version: ModelVersion }[],
  serverUrl: string,
) {
  const schemas: Record<string, unknown> = { ...COMPONENT_SCHEMAS, ...ANSWER_SCHEMAS };
  for (const on of served) schemas[inputSchemaName(on.endpoint.name)] = inputSchema(on);
  const paths: Record<string, Record<string, unknown>> = {};
  // Per endpoint, then per route: an endpoint's operations stay together, as before.
  const scoped = (scope: RouteSpec['scope']) => ROUTES.filter((r) => r.scope === scope);
  const order = [
    ...scoped('api').map((r) => [r, null] as const),
    ...served.flatMap((on) => [
      ...scoped('endpoint').map((r) => [r, on] as const),
      ...(on.endpoint.name === COURSE_ENDPOINT
        ? scoped('course').map((r) => [r, on] as const)
        : []),
    ]),
  ];
  for (const [route, on] of order) {
    const { path, method, operation: op } = operation(route, on);
    (paths[path] ??= {})[method] = op;
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
    components: { schemas, responses: COMMON_RESPONSES },
  };
}
