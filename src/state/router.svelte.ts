/** Hash routes keep the site hostable under any base path on any static host. */
export type Route =
  | { name: 'home' }
  | { name: 'lesson'; lessonId: string }
  | { name: 'workspace' }
  | { name: 'course-pack' }
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
  | { name: 'app-form'; app: string }
  | { name: 'monitoring' }
  | { name: 'monitor'; endpoint: string }
  | { name: 'monitor-widget'; endpoint: string }
  | { name: 'projects' }
  | { name: 'project'; projectId: string; file?: { path: string; line?: number; column?: number } }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '') return { name: 'home' };
  if (path === '/workspace') return { name: 'workspace' };
  if (path === '/course-pack') return { name: 'course-pack' };
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
  // A form a cell declared (lab.app.form): its name is checked there to fit this pattern.
  const app = /^\/apps\/([a-z][a-z0-9-]{0,39})$/.exec(path);
  if (app?.[1]) return { name: 'app-form', app: app[1] };
  if (path === '/monitoring') return { name: 'monitoring' };
  const monitor = /^\/monitoring\/([a-z][a-z0-9-]*)(\/widget)?$/.exec(path);
  if (monitor?.[1])
    return { name: monitor[2] ? 'monitor-widget' : 'monitor', endpoint: monitor[1] };
  if (path === '/projects') return { name: 'projects' };
  const project = /^\/project\/([\w-]+)(?:\/(.+?)(?::(\d+)(?::(\d+))?)?)?$/.exec(path);
  if (project?.[1]) {
    if (!project[2]) return { name: 'project', projectId: project[1] };
    const [line, column] = [project[3], project[4]].map((n) => (n ? Number(n) : undefined));
    return {
      name: 'project',
      projectId: project[1],
      file: { path: decodeOr(project[2]), line, column },
    };
  }
  const lesson = /^\/lesson\/([a-z0-9-]+)$/.exec(path);
  if (lesson?.[1]) return { name: 'lesson', lessonId: lesson[1] };
  return { name: 'not-found', path };
}

/** A malformed escape (`%zz`) is kept as typed rather than breaking the page. */
function decodeOr(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function lessonHref(lessonId: string): string {
  return `#/lesson/${lessonId}`;
}

/** A project, or one of its files at a line and column (`#/project/p-1/src/a.js:12:5`). */
export function projectHref(projectId: string, path?: string, line?: number, column?: number) {
  const file = path ? `/${path.split('/').map(encodeURIComponent).join('/')}` : '';
  const at = line ? `:${line}${column ? `:${column}` : ''}` : '';
  return `#/project/${encodeURIComponent(projectId)}${file}${at}`;
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
