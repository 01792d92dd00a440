import { didYouMean } from '../lessons/errors';
import { AppFormError, quote } from './errors';
import { bodyProperties, formFields, type FormField } from './form-fields';
import { APP_NAME } from '../routes/routes';

/** What a cell passes to `lab.app.form(...)`. */
export interface AppFormInput {
  name: string;
  endpoint: string;
  fields?: string[];
  title?: string;
  description?: string;
}

/** A declared form, as stored and as its page renders it. */
export interface AppForm {
  name: string;
  endpoint: string;
  title: string;
  description: string;
  /** Under the API root: where the page POSTs (`v1/models/diabetes/predict`). */
  path: string;
  fields: FormField[];
  declaredAt: number;
}

/** Where an endpoint's schema is documented and where its form posts. */
export interface FormTarget {
  kind: 'built-in' | 'student';
  docsPath: string;
  path: string;
  /** The operation's key in the OpenAPI document's `paths`. */
  operationKey: string;
}

const FORM_NAME = new RegExp(`^${APP_NAME.source}$`);
const BUILT_IN = /^[a-z][a-z0-9-]*$/;
const STUDENT = /^student\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})\/([A-Za-z0-9_./{}-]{1,200})$/;
/** `#/apps/diabetes` is the course's own app. */
const RESERVED = new Set(['diabetes']);
const OPTIONS = new Set(['name', 'endpoint', 'fields', 'title', 'description']);

export function checkName(name: unknown): string {
  if (typeof name !== 'string' || !FORM_NAME.test(name))
    throw new AppFormError(
      'bad-name',
      `The form name ${quote(name)} is not usable in a link: use 1–40 lowercase letters, digits and dashes, starting with a letter (e.g. "taxi-form"). It becomes the page #/apps/<name>.`,
      'name',
    );
  if (RESERVED.has(name))
    throw new AppFormError(
      'reserved-name',
      `The name "${name}" is taken by the course's own app (#/apps/${name}). Choose another, e.g. "${name}-form".`,
      'name',
    );
  return name;
}

export function targetOf(endpoint: unknown): FormTarget {
  if (typeof endpoint === 'string' && BUILT_IN.test(endpoint) && endpoint.length <= 64)
    return {
      kind: 'built-in',
      docsPath: `v1/models/${endpoint}/openapi.json`,
      path: `v1/models/${endpoint}/predict`,
      operationKey: `/v1/models/${endpoint}/predict`,
    };
  const m = typeof endpoint === 'string' ? STUDENT.exec(endpoint) : null;
  if (m && !m[2]!.split('/').includes('..'))
    return {
      kind: 'student',
      docsPath: `student/${m[1]}/openapi.json`,
      path: `student/${m[1]}/${m[2]}`,
      operationKey: `/student/${m[1]}/${m[2]}`,
    };
  throw new AppFormError(
    'bad-endpoint',
    `The endpoint ${quote(endpoint)} is neither a served endpoint's name (e.g. "diabetes") nor a route of your own API (e.g. "student/taxi-api/predict").`,
    'endpoint',
  );
}

const bounded = (value: unknown, field: string, max: number): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max)
    throw new AppFormError(
      'bad-option',
      `${field} must be text of at most ${max} characters.`,
      field,
    );
  return value;
};

/** The POST routes a document lists, for "did you mean". */
const postRoutes = (doc: unknown) =>
  Object.entries((doc as { paths?: Record<string, { post?: unknown }> })?.paths ?? {})
    .filter(([, ops]) => ops?.post)
    .map(([key]) => key.replace(/^\//, ''));

/** The checks that need no API: options, name, endpoint, title, description, fields' shape. */
export function precheck(input: unknown) {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new AppFormError(
      'bad-option',
      "lab.app.form takes one object: lab.app.form({ name: 'my-form', endpoint: 'diabetes' }).",
    );
  for (const key of Object.keys(input))
    if (!OPTIONS.has(key))
      throw new AppFormError(
        'bad-option',
        `lab.app.form has no option ${quote(key)}.${didYouMean(key, [...OPTIONS])} Its options: ${[...OPTIONS].join(', ')}.`,
        key,
      );
  const given = input as Partial<AppFormInput>;
  const name = checkName(given.name);
  const target = targetOf(given.endpoint);
  const endpoint = given.endpoint!;
  const title = bounded(given.title, 'title', 200) ?? name;
  const description = bounded(given.description, 'description', 2000) ?? '';
  if (
    given.fields !== undefined &&
    (!Array.isArray(given.fields) || given.fields.some((f) => typeof f !== 'string'))
  )
    throw new AppFormError(
      'bad-option',
      "fields must be a list of field names, e.g. ['age', 'bmi'].",
      'fields',
    );
  return { name, target, endpoint, title, description, fields: given.fields };
}

/**
 * Checks a declaration against the endpoint's OpenAPI document (`doc`, null when the endpoint
 * does not answer) and derives its fields; `known` lists the served endpoints for "did you mean".
 */
export function declareForm(
  input: unknown,
  doc: unknown,
  known: readonly string[],
  now = Date.now(),
): AppForm {
  const { name, target, endpoint, title, description, fields } = precheck(input);
  if (doc === null) {
    const hint = target.kind === 'built-in' ? didYouMean(endpoint, known) : '';
    throw new AppFormError(
      'unknown-endpoint',
      target.kind === 'built-in'
        ? `No endpoint "${endpoint}" is served.${hint} Served: ${known.join(', ') || 'none'}. Deploy one with lab.serving.deploy('${endpoint}', …) first.`
        : `The API of project "${target.path.split('/')[1]}" does not answer (no api.js, or it fails to load). Open its docs page #/serving/${target.path.split('/').slice(0, 2).join('/')} to see why.`,
      'endpoint',
    );
  }
  const operation = (doc as { paths?: Record<string, { post?: Record<string, unknown> }> }).paths?.[
    target.operationKey
  ]?.post;
  if (!operation) {
    const routes = postRoutes(doc);
    throw new AppFormError(
      'unknown-endpoint',
      `The API has no POST route ${target.path}.${didYouMean(target.path, routes)} Its POST routes: ${routes.slice(0, 20).join(', ') || 'none'}.`,
      'endpoint',
    );
  }
  const body = (operation.requestBody as { content?: Record<string, { schema?: unknown }> })
    ?.content?.['application/json']?.schema;
  return {
    name,
    endpoint,
    title,
    description,
    path: target.path,
    fields: formFields(doc, body, endpoint, fields && checkChosen(doc, body, endpoint, fields)),
    declaredAt: now,
  };
}

/** The chosen fields, each one the schema knows; leaving out a field the API requires is an error. */
function checkChosen(doc: unknown, body: unknown, endpoint: string, chosen: string[]): string[] {
  const found = bodyProperties(doc, body);
  if (!found) return chosen; // formFields says why there are no fields
  const known = Object.keys(found.properties);
  for (const field of chosen)
    if (!Object.hasOwn(found.properties, field))
      throw new AppFormError(
        'unknown-field',
        `The endpoint ${endpoint} has no field ${quote(field)}.${didYouMean(field, known)} Its fields: ${known.slice(0, 30).join(', ')}${known.length > 30 ? ', …' : ''}.`,
        'fields',
      );
  const left = [...found.required].filter((r) => !chosen.includes(r));
  if (left.length)
    throw new AppFormError(
      'missing-required',
      `The endpoint ${endpoint} requires ${left
        .slice(0, 10)
        .map((f) => `"${f}"`)
        .join(
          ', ',
        )}${left.length > 10 ? ` and ${left.length - 10} more` : ''}, which fields leaves out: every request would be refused with a 422. Add ${left.length === 1 ? 'it' : 'them'} to fields, or give ${left.length === 1 ? 'it' : 'them'} a default in the schema.`,
      'fields',
    );
  return [...new Set(chosen)];
}
