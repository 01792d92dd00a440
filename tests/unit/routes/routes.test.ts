import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route, type RouteName } from '../../../src/lib/routes/routes';

// One sample per page: a Record over RouteName, so a route added to the type without a case here
// fails to compile.
const SAMPLES: { [N in RouteName]: [address: string, route: Extract<Route, { name: N }>] } = {
  home: ['#/', { name: 'home' }],
  lesson: ['#/lesson/big-data', { name: 'lesson', lessonId: 'big-data' }],
  workspace: ['#/workspace', { name: 'workspace' }],
  gradebook: ['#/gradebook', { name: 'gradebook' }],
  'course-pack': ['#/course-pack', { name: 'course-pack' }],
  data: ['#/data', { name: 'data' }],
  'data-version': ['#/data/v-0a1b', { name: 'data-version', versionId: 'v-0a1b' }],
  runs: ['#/runs', { name: 'runs' }],
  run: ['#/runs/r-42_x', { name: 'run', runId: 'r-42_x' }],
  models: ['#/models/taxi%20duration%2Fv2', { name: 'models', model: 'taxi duration/v2' }],
  serving: ['#/serving', { name: 'serving' }],
  endpoint: ['#/serving/taxi', { name: 'endpoint', endpoint: 'taxi' }],
  'endpoint-docs': ['#/serving/taxi/docs', { name: 'endpoint-docs', endpoint: 'taxi' }],
  'student-docs': ['#/serving/student/My.Api_1', { name: 'student-docs', project: 'My.Api_1' }],
  'diabetes-app': ['#/apps/diabetes', { name: 'diabetes-app' }],
  'app-form': ['#/apps/taxi-form', { name: 'app-form', app: 'taxi-form' }],
  monitoring: ['#/monitoring', { name: 'monitoring' }],
  monitor: ['#/monitoring/taxi', { name: 'monitor', endpoint: 'taxi' }],
  'monitor-widget': ['#/monitoring/taxi/widget', { name: 'monitor-widget', endpoint: 'taxi' }],
  projects: ['#/projects', { name: 'projects' }],
  project: [
    '#/project/p-1/src/a%20b.js:12:5',
    { name: 'project', projectId: 'p-1', file: { path: 'src/a b.js', line: 12, column: 5 } },
  ],
};

describe('the route table', () => {
  for (const [name, [address, route]] of Object.entries(SAMPLES)) {
    it(`${name}: parses ${address} and builds it back`, () => {
      expect(parseRoute(address)).toEqual(route);
      const { name: _, ...params } = route as Route & Record<string, unknown>;
      const built = (href as (n: string, p?: object) => string)(name, params);
      expect(built).toBe(address);
      expect(parseRoute(built)).toEqual(route);
    });
  }

  it('an empty hash is home; the models list has no model', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/models')).toEqual({ name: 'models' });
    expect(href('models')).toBe('#/models');
  });

  it('a project, its file without a position, and with a line only', () => {
    expect(parseRoute('#/project/p-1')).toEqual({ name: 'project', projectId: 'p-1' });
    expect(parseRoute('#/project/p-1/README.md')).toEqual({
      name: 'project',
      projectId: 'p-1',
      file: { path: 'README.md', line: undefined, column: undefined },
    });
    expect(href('project', { projectId: 'p-1', file: { path: 'src/x.js', line: 3 } })).toBe(
      '#/project/p-1/src/x.js:3',
    );
  });

  it('the first match wins where paths overlap', () => {
    expect(parseRoute('#/serving/student/x').name).toBe('student-docs');
    expect(parseRoute('#/apps/diabetes').name).toBe('diabetes-app');
  });

  it('anything else is not found, with the path kept; a bad escape is kept as typed', () => {
    for (const path of ['/nope', '/lesson/Big_Data', '/data/v-XYZ', '/serving/Taxi', '/apps/9x'])
      expect(parseRoute(`#${path}`)).toEqual({ name: 'not-found', path });
    expect(parseRoute('#/models/%zz')).toEqual({ name: 'models', model: '%zz' });
  });

  it("a project's own API is monitored as student/<project>, its slash encoded", () => {
    const address = href('monitor', { endpoint: 'student/taxi-api' });
    expect(address).toBe('#/monitoring/student%2Ftaxi-api');
    expect(parseRoute(address)).toEqual({ name: 'monitor', endpoint: 'student/taxi-api' });
    expect(parseRoute('#/monitoring/student/taxi-api/widget')).toEqual({
      name: 'monitor-widget',
      endpoint: 'student/taxi-api',
    });
    for (const path of [
      '/monitoring/student%2F..',
      '/monitoring/teacher%2Fx',
      '/monitoring/student%2F',
    ])
      expect(parseRoute(`#${path}`).name).toBe('not-found');
  });

  it('a parameter is encoded, so a name cannot add a path segment', () => {
    expect(href('run', { runId: 'a/b' })).toBe('#/runs/a%2Fb');
    expect(parseRoute(href('run', { runId: 'a/b' })).name).toBe('not-found');
  });
});

describe('links are built from the table', () => {
  it('no component, state or lib module spells a #/ page address by hand', async () => {
    const files = (readdirSync('src', { recursive: true }) as string[])
      .filter((f) => /\.(ts|svelte)$/.test(f) && f !== join('lib', 'routes', 'routes.ts'))
      .map((f) => join('src', f));
    expect(files.length).toBeGreaterThan(100);
    const PAGES =
      /\/(?:lesson|workspace|gradebook|course-pack|data|runs|models|serving|apps|monitoring|projects?)\b/;
    const offenders = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        // An address in code (an attribute or a string starting with #/), not in a comment.
        .filter(({ line }) => !/^\s*(\/\/|\*|\/\*\*)/.test(line))
        .filter(({ line }) =>
          [...line.matchAll(/(?:href=|[`'"])#(\/[^`'"\s]*)/g)].some((m) => PAGES.test(m[1]!)),
        )
        .map(({ at }) => at),
    );
    expect(offenders).toEqual([]);
  });
});
