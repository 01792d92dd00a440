import type { z } from 'zod';
import { MAX_OBJECT_KEYS } from '../body-limits';
import { ServingError } from '../errors';
import { matchRoute, pathParams, pathPattern } from '../routes';
import { STUDENT_METHODS, type StudentMethod, type StudentRoute } from './define-api';
import { STUDENT_API_FILE } from './protocol';

export { STUDENT_API_FILE };

/** More routes than any course service needs; a generated list is most likely a mistake. */
const MAX_STUDENT_ROUTES = 100;
const MAX_PATH_CHARS = 200;
/** A path segment: plain URL characters, or one `{parameter}`. */
const SEGMENT = /^(?:[A-Za-z0-9_~-][A-Za-z0-9_.~-]*|\{[A-Za-z_]\w{0,63}\})$/;

/** Routes every student API has, answered by the Labbook (FastAPI's `/docs`, `/openapi.json`). */
const RESERVED_ROUTES: readonly { method: StudentMethod; path: string; what: string }[] = [
  { method: 'GET', path: '/health', what: 'the health route every student API has' },
  {
    method: 'POST',
    path: '/labels',
    what: 'the delayed-labels route every student API has (ground truth for logged requests)',
  },
  {
    method: 'GET',
    path: '/openapi.json',
    what: 'the OpenAPI document generated from your schemas',
  },
];

export interface CheckedRoute {
  method: StudentMethod;
  path: string;
  summary: string;
  params: string[];
  pattern: RegExp;
  body: z.ZodType | undefined;
  query: z.ZodType | undefined;
  response: z.ZodType | undefined;
  handler: StudentRoute['handler'];
}

export interface StudentApi {
  file: string;
  title: string;
  description: string;
  version: string;
  routes: CheckedRoute[];
}

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const keys = Object.keys(value).slice(0, 5);
    return keys.length ? `an object with keys ${keys.join(', ')}` : 'an empty object';
  }
  return typeof value === 'string' ? `the string "${value.slice(0, 40)}"` : `a ${typeof value}`;
};

/** A zod 4 schema (what `import { z } from 'zod'` builds), told apart without trusting it. */
function isZodSchema(value: unknown): value is z.ZodType {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const v = value as { safeParse?: unknown; _zod?: unknown };
    return typeof v.safeParse === 'function' && typeof v._zod === 'object' && v._zod !== null;
  } catch {
    return false;
  }
}

/** The fields of an object schema, when it is one (for the width check). */
function fieldCount(schema: z.ZodType): number {
  const shape = (schema as { shape?: unknown }).shape;
  return typeof shape === 'object' && shape !== null ? Object.keys(shape).length : 0;
}

const own = (o: object, key: string): unknown =>
  Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;

/**
 * A project's API module checked before anything is served: every problem is a coded error that
 * names the file and the route (`api.js: route 2 (POST /predict): …`) and says the fix.
 */
export function readDeclaration(
  namespace: Record<string, unknown>,
  file = STUDENT_API_FILE,
): StudentApi {
  const bad = (message: string) => new ServingError('bad-student-api', `${file}: ${message}`);
  const spec = own(namespace, 'default');
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    throw bad(
      `the default export is ${spec === undefined ? 'missing' : describe(spec)}. Write: export default defineApi({ routes: [{ method: 'POST', path: '/predict', body: z.object({...}), handler: async (body, { model }) => ... }] }).`,
    );
  const routes = own(spec, 'routes');
  if (!Array.isArray(routes))
    throw bad(
      `"routes" is ${describe(routes)}; it must be a list of routes: routes: [{ method, path, handler }].`,
    );
  if (routes.length > MAX_STUDENT_ROUTES)
    throw bad(`${routes.length} routes; an API may declare at most ${MAX_STUDENT_ROUTES}.`);
  const text = (key: string, fallback: string) => {
    const value = own(spec, key);
    return typeof value === 'string' ? value.slice(0, 2000) : fallback;
  };
  const checked: CheckedRoute[] = [];
  routes.forEach((route: unknown, i) => {
    const at = `route ${i + 1}`;
    if (typeof route !== 'object' || route === null || Array.isArray(route))
      throw bad(`${at} is ${describe(route)}; each route is { method, path, handler }.`);
    checked.push(
      checkRoute(route, (message, named) => bad(`${at}${named ? ` (${named})` : ''}: ${message}`)),
    );
  });
  checkOverlaps(checked, bad);
  return {
    file,
    title: text('title', 'Student API'),
    description: text('description', ''),
    version: text('version', '0.1.0'),
    routes: checked,
  };
}

type Bad = (message: string, named?: string) => ServingError;

function checkRoute(route: object, bad: Bad): CheckedRoute {
  const rawMethod = own(route, 'method');
  const method = typeof rawMethod === 'string' ? rawMethod.toUpperCase() : rawMethod;
  if (!STUDENT_METHODS.includes(method as StudentMethod))
    throw bad(`"method" is ${describe(rawMethod)}; use one of ${STUDENT_METHODS.join(', ')}.`);
  const path = own(route, 'path');
  if (typeof path !== 'string')
    throw bad(`"path" is ${describe(path)}; write a path such as '/predict'.`, String(method));
  const named = `${String(method)} ${path.slice(0, 80)}`;
  checkPath(path, (m) => bad(m, named));
  const schemas: Record<'body' | 'query' | 'response', z.ZodType | undefined> = {
    body: undefined,
    query: undefined,
    response: undefined,
  };
  for (const key of ['body', 'query', 'response'] as const) {
    const value = own(route, key);
    if (value === undefined) continue;
    if (!isZodSchema(value))
      throw bad(
        `"${key}" is not a zod schema (it is ${describe(value)}). Build it with zod: import { z } from 'zod'; ${key}: z.object({ trip_distance: z.number().positive() }).`,
        named,
      );
    const fields = fieldCount(value);
    if (fields > MAX_OBJECT_KEYS)
      throw bad(
        `"${key}" has ${fields.toLocaleString('en')} fields; a JSON object sent to the API may have at most ${MAX_OBJECT_KEYS.toLocaleString('en')} keys, so no request could fill it. Group the fields into nested objects or lists.`,
        named,
      );
    schemas[key] = value;
  }
  if (method === 'GET' && schemas.body)
    throw bad(`a GET request has no body; take its inputs with "query", or use POST.`, named);
  const handler = own(route, 'handler');
  if (typeof handler !== 'function')
    throw bad(
      `"handler" is ${describe(handler)}; write handler: async (body, { model }) => ({ ... }).`,
      named,
    );
  const summary = own(route, 'summary');
  const template = path.slice(1);
  return {
    method: method as StudentMethod,
    path,
    summary: typeof summary === 'string' ? summary.slice(0, 300) : '',
    params: pathParams(template),
    pattern: pathPattern(template),
    ...schemas,
    handler: handler as StudentRoute['handler'],
  };
}

function checkPath(path: string, bad: (message: string) => ServingError): void {
  if (!path.startsWith('/') || path.length > MAX_PATH_CHARS)
    throw bad(
      `the path must start with "/" and have at most ${MAX_PATH_CHARS} characters, e.g. '/predict'.`,
    );
  const segments = path.slice(1).split('/');
  const badSegment = segments.find((s) => !SEGMENT.test(s));
  if (path !== '/' && badSegment !== undefined)
    throw bad(
      `the path segment "${badSegment.slice(0, 40)}" is not allowed: use letters, digits, "_", "-", "~" and "." (not "." or ".." alone, no regex characters), or one parameter in braces such as {trip_id}.`,
    );
  const names = pathParams(path);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw bad(`the parameter {${twice}} appears twice; give each its own name.`);
}

/** Two routes one request could reach, a reserved route, or a route of the built-in API. */
function checkOverlaps(routes: CheckedRoute[], bad: (message: string) => ServingError): void {
  // A parameter matches any segment: the same shape with other names is the same route.
  const shape = (r: CheckedRoute) => `${r.method} ${r.path.replace(/\{\w+\}/g, '{}')}`;
  const seen = new Map<string, CheckedRoute>();
  for (const route of routes) {
    const named = `${route.method} ${route.path}`;
    const before = seen.get(shape(route));
    if (before)
      throw bad(
        `${named} is declared twice (also as ${before.method} ${before.path}); a request could reach either. Remove one, or give them different paths.`,
      );
    seen.set(shape(route), route);
    const reserved = RESERVED_ROUTES.find(
      (r) => r.method === route.method && r.path === route.path,
    );
    if (reserved)
      throw bad(
        `${named} is ${reserved.what}; the Labbook answers it. Give your route another path.`,
      );
    // Written as if served at the site's root: a student who copies `v1/models/x/predict` meant the built-in API.
    const sample = route.path
      .slice(1)
      .replace(/^api\//, '')
      .replace(/\{\w+\}/g, 'x');
    const builtIn = matchRoute(route.method, sample);
    if (builtIn && 'route' in builtIn)
      throw bad(
        `${named} collides with the Labbook's built-in route ${builtIn.route.method} api/${builtIn.route.path}. Your routes are served under api/student/<project>/; choose a path of your own, such as /predict.`,
      );
  }
}
