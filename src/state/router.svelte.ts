/** Hash routes keep the site hostable under any base path on any static host. */
export type Route =
  | { name: 'home' }
  | { name: 'lesson'; lessonId: string }
  | { name: 'workspace' }
  | { name: 'data' }
  | { name: 'runs' }
  | { name: 'run'; runId: string }
  | { name: 'models'; model?: string }
  | { name: 'data-version'; versionId: string }
  | { name: 'serving' }
  | { name: 'endpoint'; endpoint: string }
  | { name: 'endpoint-docs'; endpoint: string }
  | { name: 'student-docs'; project: string }
  | { name: 'diabetes-app' }
  | { name: 'monitoring' }
  | { name: 'monitor'; endpoint: string }
  | { name: 'monitor-widget'; endpoint: string }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '') return { name: 'home' };
  if (path === '/workspace') return { name: 'workspace' };
  if (path === '/data') return { name: 'data' };
  if (path === '/runs') return { name: 'runs' };
  const run = /^\/runs\/([\w-]+)$/.exec(path);
  if (run?.[1]) return { name: 'run', runId: run[1] };
  if (path === '/models') return { name: 'models' };
  const model = /^\/models\/(.+)$/.exec(path);
  if (model?.[1]) return { name: 'models', model: decodeURIComponent(model[1]) };
  const version = /^\/data\/(v-[0-9a-f]+)$/.exec(path);
  if (version?.[1]) return { name: 'data-version', versionId: version[1] };
  if (path === '/serving') return { name: 'serving' };
  const student = /^\/serving\/student\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})$/.exec(path);
  if (student?.[1]) return { name: 'student-docs', project: student[1] };
  const endpoint = /^\/serving\/([a-z][a-z0-9-]*)(\/docs)?$/.exec(path);
  if (endpoint?.[1])
    return { name: endpoint[2] ? 'endpoint-docs' : 'endpoint', endpoint: endpoint[1] };
  if (path === '/apps/diabetes') return { name: 'diabetes-app' };
  if (path === '/monitoring') return { name: 'monitoring' };
  const monitor = /^\/monitoring\/([a-z][a-z0-9-]*)(\/widget)?$/.exec(path);
  if (monitor?.[1])
    return { name: monitor[2] ? 'monitor-widget' : 'monitor', endpoint: monitor[1] };
  const lesson = /^\/lesson\/([a-z0-9-]+)$/.exec(path);
  if (lesson?.[1]) return { name: 'lesson', lessonId: lesson[1] };
  return { name: 'not-found', path };
}

export function lessonHref(lessonId: string): string {
  return `#/lesson/${lessonId}`;
}

export class Router {
  route = $state<Route>(parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
      window.scrollTo(0, 0);
    });
  }
}
