import { fail } from '../http';
import type { ValidationIssue } from '../errors';
import { readDeclaration, type CheckedRoute, type StudentApi } from './declaration';
import { jsonProblem } from './json-safe';
import { modelsForRequest, type LoadPredictor } from './models';
import { studentOpenApi } from './openapi';
import type { StudentAnswer, StudentCall } from './protocol';
import { zodIssues } from './zod-issues';

export interface StudentAppDeps {
  project: string;
  loadPredictor: LoadPredictor;
  /** `file:line:column` of the student's code in an error's stack, when known. */
  locate?: (error: unknown) => string | undefined;
}

const errorText = (error: unknown): string => {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
    return `thrown value ${String(error)}`;
  } catch {
    return 'an error that cannot be printed';
  }
};

const answer = (
  status: number,
  detail: string | ValidationIssue[],
  extra: Partial<StudentAnswer> = {},
): StudentAnswer => ({
  ...(fail(status, detail) as { status: number; body: unknown }),
  ...extra,
});

/** Checked once per loaded module: the loader hands back the same namespace until a file changes. */
const declarations = new WeakMap<object, StudentApi>();
function declarationOf(namespace: Record<string, unknown>): StudentApi {
  let api = declarations.get(namespace);
  if (!api) declarations.set(namespace, (api = readDeclaration(namespace)));
  return api;
}

/** The declared route a method and path reach; the methods allowed there; or none. */
function find(api: StudentApi, method: string, path: string) {
  const matching = api.routes.flatMap((route) => {
    const values = route.pattern.exec(path);
    return values
      ? [{ route, params: Object.fromEntries(route.params.map((n, i) => [n, values[i + 1]!])) }]
      : [];
  });
  return (
    matching.find((m) => m.route.method === method) ??
    (matching.length ? { allow: matching.map((m) => m.route.method) } : null)
  );
}

/**
 * One request to a student API, inside the worker that runs the student's code: route → query
 * and body through the route's zod schemas (422 in FastAPI's words) → handler → response schema →
 * JSON check. A handler that throws is a 500 naming the error and where in the file; the API
 * stays up. (A handler that never returns is the supervisor's: supervise.ts.)
 */
export async function answerStudent(
  namespace: () => Promise<Record<string, unknown>>,
  call: StudentCall,
  deps: StudentAppDeps,
): Promise<StudentAnswer> {
  let api: StudentApi;
  try {
    api = declarationOf(await namespace());
  } catch (error) {
    const detail = `The API of project "${deps.project}" cannot start: ${(error as Error)?.message ?? errorText(error)}`;
    // No such project is the client's mistake (404); an API that cannot start is the server's.
    const missing = (error as { code?: unknown } | null)?.code === 'unknown-endpoint';
    const status = missing ? 404 : call.path === 'health' ? 503 : 500;
    return answer(status, missing ? (error as Error).message : detail, { error: detail });
  }
  if (call.method === 'GET' && call.path === 'health')
    return {
      status: 200,
      body: {
        status: 'ok',
        project: deps.project,
        routes: api.routes.map((r) => `${r.method} ${r.path}`),
      },
    };
  if (call.method === 'GET' && call.path === 'openapi.json')
    return { status: 200, body: studentOpenApi(api, deps.project, call.serverUrl) };
  const found = find(api, call.method, call.path);
  if (!found) {
    const routes = api.routes.map((r) => `${r.method} ${r.path}`).join(', ');
    return answer(
      404,
      `Not Found: ${api.file} declares no route "/${call.path.slice(0, 200)}". It declares: ${routes || 'none'}.`,
    );
  }
  if ('allow' in found)
    return {
      status: 405,
      body: { detail: 'Method Not Allowed' },
      route: `${found.allow.join(', ')} /${call.path}`,
    };
  return runRoute(found.route, found.params, call, deps);
}

async function runRoute(
  route: CheckedRoute,
  params: Record<string, string>,
  call: StudentCall,
  deps: StudentAppDeps,
): Promise<StudentAnswer> {
  const named = `${route.method} ${route.path}`;
  const issues: ValidationIssue[] = [];
  let query: unknown = call.query;
  let body: unknown = call.body;
  if (route.query) {
    const parsed = route.query.safeParse(call.query, { reportInput: true });
    if (parsed.success) query = parsed.data;
    else issues.push(...zodIssues(parsed.error.issues, 'query'));
  }
  if (route.body) {
    const parsed = route.body.safeParse(call.body, { reportInput: true });
    if (parsed.success) body = parsed.data;
    else issues.push(...zodIssues(parsed.error.issues, 'body'));
  }
  if (issues.length) return answer(422, issues, { route: named });
  const models = modelsForRequest(deps.loadPredictor);
  const where = (error: unknown) => {
    const at = deps.locate?.(error);
    return at ? ` (at ${at})` : '';
  };
  let result: unknown;
  try {
    result = await route.handler(body, {
      params,
      query: query as Record<string, unknown>,
      model: models.model,
    });
  } catch (error) {
    const detail = `Internal Server Error: the handler of ${named} threw ${errorText(error)}${where(error)}. The API stays up; fix the handler and send the request again.`;
    return answer(500, detail, { route: named, error: detail, ...scoringOf(models) });
  }
  if (route.response) {
    const parsed = route.response.safeParse(result, { reportInput: true });
    if (!parsed.success) {
      const first = zodIssues(parsed.error.issues, 'body')[0]!;
      const detail = `Internal Server Error: the handler of ${named} answered a value that does not match its response schema (${first.loc.slice(1).join('.') || 'the answer'}: ${first.msg}). Fix the handler or the schema.`;
      return answer(500, detail, { route: named, error: detail, ...scoringOf(models) });
    }
    result = parsed.data;
  }
  const problem = jsonProblem(result);
  if (problem) {
    const detail = `Internal Server Error: the handler of ${named} answered something JSON cannot carry: ${problem}`;
    return answer(500, detail, { route: named, error: detail, ...scoringOf(models) });
  }
  // Through JSON once: a Date becomes its string, and only plain data crosses to the page.
  const plain = result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
  return { status: 200, body: plain, route: named, ...scoringOf(models) };
}

const scoringOf = (models: ReturnType<typeof modelsForRequest>) => {
  const scoring = models.scoring();
  return scoring ? { scoring } : {};
};
