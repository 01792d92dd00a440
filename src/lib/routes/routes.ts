/**
 * The site's pages, in one table: each route's name, its hash path and the pattern of each
 * parameter. `parseRoute` (address → page), `href` (page → address) and the page rendering
 * (src/App.svelte) all read it, so a path is spelled once. Hash routes keep the site hostable
 * under any base path on any static host.
 */
export type Route =
  | { name: 'home' }
  | { name: 'lesson'; lessonId: string }
  | { name: 'workspace' }
  | { name: 'gradebook' }
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
  | { name: 'project'; projectId: string; file?: ProjectFileRef }
  | { name: 'not-found'; path: string };

export type RouteName = Exclude<Route['name'], 'not-found'>;
export type RouteParams<N extends RouteName> = Omit<Extract<Route, { name: N }>, 'name'>;

/** A file of a project, optionally at a line and column (`#/project/p-1/src/a.js:12:5`). */
export interface ProjectFileRef {
  path: string;
  line?: number | undefined;
  column?: number | undefined;
}

/** A form a cell declares (lab.app.form) is checked against this before it gets its page. */
export const APP_NAME = /[a-z][a-z0-9-]{0,39}/;
const ENDPOINT = /[a-z][a-z0-9-]*/;
/** What monitoring watches: an endpoint, or a project's own API (`student/<project>`, `/` encoded). */
const MONITORED = /student(?:\/|%2F)[A-Za-z0-9][A-Za-z0-9._-]{0,63}|[a-z][a-z0-9-]*/;

interface RouteSpec {
  name: RouteName;
  /** Literal segments and `:param` segments, each param matched by `params[param]`. */
  path: string;
  params?: Record<string, RegExp>;
}

// Order matters where paths overlap: the first match wins (`/serving/student/x` before
// `/serving/:endpoint`, `/apps/diabetes` before `/apps/:app`).
const TABLE: readonly RouteSpec[] = [
  { name: 'home', path: '/' },
  { name: 'lesson', path: '/lesson/:lessonId', params: { lessonId: /[a-z0-9-]+/ } },
  { name: 'workspace', path: '/workspace' },
  { name: 'gradebook', path: '/gradebook' },
  { name: 'course-pack', path: '/course-pack' },
  { name: 'data', path: '/data' },
  { name: 'data-version', path: '/data/:versionId', params: { versionId: /v-[0-9a-f]+/ } },
  { name: 'runs', path: '/runs' },
  { name: 'run', path: '/runs/:runId', params: { runId: /[\w-]+/ } },
  { name: 'models', path: '/models' },
  { name: 'models', path: '/models/:model', params: { model: /.+/ } },
  { name: 'serving', path: '/serving' },
  {
    name: 'student-docs',
    path: '/serving/student/:project',
    params: { project: /[A-Za-z0-9][A-Za-z0-9._-]{0,63}/ },
  },
  { name: 'endpoint', path: '/serving/:endpoint', params: { endpoint: ENDPOINT } },
  { name: 'endpoint-docs', path: '/serving/:endpoint/docs', params: { endpoint: ENDPOINT } },
  { name: 'diabetes-app', path: '/apps/diabetes' },
  { name: 'app-form', path: '/apps/:app', params: { app: APP_NAME } },
  { name: 'monitoring', path: '/monitoring' },
  { name: 'monitor', path: '/monitoring/:endpoint', params: { endpoint: MONITORED } },
  {
    name: 'monitor-widget',
    path: '/monitoring/:endpoint/widget',
    params: { endpoint: MONITORED },
  },
  { name: 'projects', path: '/projects' },
  { name: 'project', path: '/project/:projectId', params: { projectId: /[\w-]+/ } },
];

// A project's address may go on with a file path and `:line:column` — the one open-ended path.
const PROJECT_FILE = /^\/(.+?)(?::(\d+)(?::(\d+))?)?$/;

interface Compiled {
  spec: RouteSpec;
  names: string[];
  regex: RegExp;
}

const COMPILED: Compiled[] = TABLE.map((spec) => {
  const names: string[] = [];
  const source = spec.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const name = segment.slice(1);
      names.push(name);
      return `(${spec.params![name]!.source})`;
    })
    .join('/');
  const rest = spec.name === 'project' ? '(/.+)?' : '';
  return { spec, names, regex: new RegExp(`^${source === '' ? '/' : source}${rest}$`) };
});

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  for (const { spec, names, regex } of COMPILED) {
    const match = regex.exec(path);
    if (!match) continue;
    const params: Record<string, unknown> = {};
    names.forEach((name, i) => (params[name] = decodeOr(match[i + 1]!)));
    if (spec.name === 'project' && match[names.length + 1]) {
      const file = PROJECT_FILE.exec(match[names.length + 1]!)!;
      const [line, column] = [file[2], file[3]].map((n) => (n ? Number(n) : undefined));
      params['file'] = { path: decodeOr(file[1]!), line, column };
    }
    return { name: spec.name, ...params } as Route;
  }
  return { name: 'not-found', path };
}

/** The address of a page: `href('run', { runId })` → `#/runs/<runId>`. */
export function href<N extends RouteName>(
  name: N,
  ...[params]: object extends RouteParams<N> ? [RouteParams<N>?] : [RouteParams<N>]
): string {
  const given = (params ?? {}) as Record<string, unknown>;
  // The form of the route that uses the most of the parameters given (`/models/:model` when a
  // model is named, else `/models`).
  const spec = TABLE.filter((s) => s.name === name)
    .filter((s) => Object.keys(s.params ?? {}).every((p) => given[p] !== undefined))
    .sort((a, b) => Object.keys(b.params ?? {}).length - Object.keys(a.params ?? {}).length)[0]!;
  const path = spec.path
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? encodeURIComponent(String(given[segment.slice(1)])) : segment,
    )
    .join('/');
  return `#${path}${name === 'project' ? fileSuffix(given['file'] as ProjectFileRef) : ''}`;
}

function fileSuffix(file: ProjectFileRef | undefined): string {
  if (!file) return '';
  const at = file.line ? `:${file.line}${file.column ? `:${file.column}` : ''}` : '';
  return `/${file.path.split('/').map(encodeURIComponent).join('/')}${at}`;
}

/** A malformed escape (`%zz`) is kept as typed rather than breaking the page. */
function decodeOr(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
