import { COURSE_ENDPOINT } from './course-app';
import { matchRoute, ROUTES, type RouteSpec } from './routes';

interface Doc {
  paths: Record<string, Record<string, { operationId?: string }>>;
}

const fill = (template: string, name: string) => template.replace('{name}', name);

/**
 * Where the OpenAPI document and the route table disagree, for a document of the endpoints
 * `served`: a documented operation no route answers (or answers under another operationId), and
 * a route the document leaves out. Empty when both come from one table, as they should.
 */
export function routeDisagreements(
  doc: Doc,
  served: string[],
  routes: readonly RouteSpec[] = ROUTES,
): string[] {
  const problems: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      // A sample value for each parameter still in the path (`{job_id}`): any segment matches.
      const sample = path.replace(/^\//, '').replace(/\{\w+\}/g, 'sample');
      const found = matchRoute(method.toUpperCase(), sample, routes);
      const name = found && 'route' in found ? found.params.name : undefined;
      const id = found && 'route' in found ? fill(found.route.operationId, name ?? '') : null;
      if (id !== op.operationId)
        problems.push(
          `${method.toUpperCase()} ${path} (${op.operationId}) is documented but ${id === null ? 'no route answers it' : `routed to ${id}`}`,
        );
    }
  for (const route of routes) {
    const names =
      route.scope === 'api'
        ? ['']
        : route.scope === 'endpoint'
          ? served
          : served.filter((n) => n === COURSE_ENDPOINT);
    for (const name of names) {
      const path = `/${fill(route.path, name)}`;
      if (!doc.paths[path]?.[route.method.toLowerCase()])
        problems.push(`${route.method} ${path} is routed but not documented`);
    }
  }
  return problems;
}
