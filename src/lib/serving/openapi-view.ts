/**
 * An OpenAPI 3.1 document read for the docs page: operations in document order, each with its
 * parameters, the fields of its JSON body (references resolved) and its example.
 */
type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  title?: string;
};

export interface OpenApiDoc {
  info?: { title?: string; description?: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, RawOperation>>;
  components?: {
    schemas?: Record<string, Schema>;
    responses?: Record<string, { description?: string }>;
  };
}

interface RawOperation {
  summary?: string;
  tags?: string[];
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown }> };
  responses?: Record<string, { description?: string; $ref?: string }>;
}

export interface Parameter {
  name: string;
  in: 'path' | 'header' | 'query';
  required?: boolean;
  description?: string;
}

export interface Field {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface Operation {
  id: string;
  method: string;
  /** As in the document, e.g. `/v1/models/diabetes/predict`. */
  path: string;
  summary: string;
  /** The route table's scope: the endpoint's name for its own operations, `course` for the app's. */
  tags: string[];
  parameters: Parameter[];
  /** The body's schema name and fields; null when the operation takes no body. */
  body: { schema: string; fields: Field[]; example: unknown } | null;
  responses: { status: string; description: string }[];
}

const refName = (ref: string) => ref.split('/').at(-1) ?? ref;

function resolve(schema: Schema | undefined, doc: OpenApiDoc): Schema {
  if (!schema?.$ref) return schema ?? {};
  return doc.components?.schemas?.[refName(schema.$ref)] ?? {};
}

/** A schema's type in a few words: `number`, `array of DiabetesInput`, `string (date-time)`. */
export function typeName(schema: Schema | undefined): string {
  if (!schema) return 'any';
  if (schema.$ref) return refName(schema.$ref);
  if (schema.enum) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  // zod's literals (a student API's `z.literal(1)`): the value itself says more than its type.
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.anyOf) return schema.anyOf.map(typeName).join(' or ');
  if (schema.type === 'array') return `array of ${typeName(schema.items)}`;
  if (schema.format) return `${schema.type ?? 'any'} (${schema.format})`;
  return schema.type ?? 'any';
}

/** The fields of an object schema, or of the objects an array schema holds. */
export function fieldsOf(schema: Schema | undefined, doc: OpenApiDoc): Field[] {
  let s = resolve(schema, doc);
  if (s.type === 'array') s = resolve(s.items, doc);
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, field]) => ({
    name,
    type: typeName(field),
    required: required.has(name),
    description: field.description ?? '',
  }));
}

function bodyOf(op: RawOperation, doc: OpenApiDoc): Operation['body'] {
  const json = op.requestBody?.content?.['application/json'];
  if (!json) return null;
  const s = json.schema;
  const schema = s?.$ref
    ? refName(s.$ref)
    : s?.type === 'array' && s.items?.$ref
      ? `array of ${refName(s.items.$ref)}`
      : typeName(s);
  return { schema, fields: fieldsOf(s, doc), example: json.example ?? null };
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      id: op.operationId ?? `${method} ${path}`,
      method: method.toUpperCase(),
      path,
      summary: op.summary ?? '',
      tags: op.tags ?? [],
      parameters: op.parameters ?? [],
      body: bodyOf(op, doc),
      responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({
        status,
        // Answers shared by every operation (405, 500) are references to components.responses.
        description: (r.$ref ? doc.components?.responses?.[refName(r.$ref)] : r)?.description ?? '',
      })),
    })),
  );
}

/** An API path as the bridge takes it: no leading slash, no `api/` prefix. */
export function apiPath(path: string): string {
  return path.replace(/^\/+/, '').replace(/^api\//, '');
}

/**
 * The operations of one endpoint first (predict leading), then its app's own routes (the
 * course's `/diabetes/…`, in an endpoint's document only when it is the course's), then the
 * API's general ones. The tags come from the route table's scopes.
 */
export function orderForEndpoint(operations: Operation[], endpoint: string): Operation[] {
  const mine = (op: Operation) => op.tags.includes(endpoint) || op.tags.includes('course');
  return [...operations.filter(mine), ...operations.filter((op) => !mine(op))];
}

/** FastAPI's 422 body as "where: what" lines (`body.bmi: Field required`); [] for other bodies. */
export function validationIssues(body: unknown): string[] {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (!Array.isArray(detail)) return [];
  return detail.map((issue: { loc?: unknown[]; msg?: string }) =>
    `${(issue.loc ?? []).join('.')}: ${issue.msg ?? ''}`.trim(),
  );
}

/** Code for a notebook cell that sends this request with `fetch`. */
export function fetchSnippet(method: string, path: string, body: string | null): string {
  const url = `api/${apiPath(path)}`;
  if (method === 'GET' || body === null) return `await (await fetch('${url}')).json();`;
  let payload: string;
  try {
    payload = `JSON.stringify(${JSON.stringify(JSON.parse(body))})`;
  } catch {
    // Not JSON: sent as the text it is, as the try-it editor would.
    payload = JSON.stringify(body);
  }
  return [
    `const res = await fetch('${url}', {`,
    `  method: '${method}',`,
    `  headers: { 'content-type': 'application/json' },`,
    `  body: ${payload},`,
    `});`,
    `await res.json();`,
  ].join('\n');
}
