import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staleRouteFiles } from '../../../scripts/routes-doc';
import { json, SERVED_BY, toResponse } from '../../../src/lib/serving/http';
import { ServingError } from '../../../src/lib/serving/errors';
import { routeDisagreements } from '../../../src/lib/serving/route-check';
import {
  ROUTES_END,
  ROUTES_START,
  routeTableMarkdown,
  withRouteTable,
} from '../../../src/lib/serving/route-docs';
import { apiRoute, matchRoute, ROUTES } from '../../../src/lib/serving/routes';
import { servingFixture } from './fixture';

/** A route section's cells, whatever Prettier's padding: `|GET|v1/health|…`. */
const section = (text: string) =>
  (text.includes(ROUTES_START)
    ? text.slice(text.indexOf(ROUTES_START) + ROUTES_START.length, text.indexOf(ROUTES_END))
    : text
  )
    .replace(/ *\| */g, '|')
    .replace(/-+/g, '-')
    .trim();

type Doc = { paths: Record<string, Record<string, { operationId: string }>> };

/** A router serving `toy` and the course's `diabetes`, and its OpenAPI document. */
async function documented() {
  const f = await servingFixture();
  await f.registry.setAlias('toy', 'champion', 1);
  for (const name of ['toy', 'diabetes'])
    await f.control.deploy(name, { model: 'toy', strategy: 'single', version: 1 });
  const doc = (await f.call('GET', 'v1/openapi.json')).body as Doc;
  return { ...f, doc };
}

describe('the route table: one owner for matcher, OpenAPI and READMEs', () => {
  it('routes every documented operation, and documents every route', async () => {
    const { doc, call } = await documented();
    expect(routeDisagreements(doc, ['toy', 'diabetes'])).toEqual([]);
    // Through the router itself: no documented operation is a 404 "no route" or a 405.
    for (const [path, methods] of Object.entries(doc.paths))
      for (const method of Object.keys(methods)) {
        const res = await call(method.toUpperCase(), path.slice(1).replace(/\{\w+\}/g, 'x'));
        expect(res.status, `${method} ${path}`).not.toBe(405);
        expect(JSON.stringify(res.body), `${method} ${path}`).not.toMatch(/no API route/);
      }
    expect(Object.keys(doc.paths)).toHaveLength(
      ROUTES.filter((r) => r.scope === 'api' && r.method === 'GET').length +
        ROUTES.filter((r) => r.scope === 'endpoint').length * 2 +
        ROUTES.filter((r) => r.scope === 'course').length,
    );
  });

  it('fails when a path is renamed in one place only', async () => {
    const { doc } = await documented();
    // Only in the document (a hand edit of the OpenAPI paths).
    const { '/v1/models/toy/predict': predict, ...rest } = doc.paths;
    const renamed = { paths: { ...rest, '/v1/models/toy/predictions': predict! } };
    expect(routeDisagreements(renamed, ['toy', 'diabetes'])).toEqual([
      'POST /v1/models/toy/predictions (predict_toy) is documented but no route answers it',
      'POST /v1/models/toy/predict is routed but not documented',
    ]);
    // Only in the matcher (a route table the document was not built from).
    const moved = ROUTES.map((r) =>
      r.operation === 'job' ? { ...r, path: 'v1/queue/{job_id}' } : r,
    );
    expect(routeDisagreements(doc, ['toy', 'diabetes'], moved)).toEqual([
      'GET /v1/jobs/{job_id} (job) is documented but no route answers it',
      'GET /v1/queue/{job_id} is routed but not documented',
    ]);
    // Only in a README: its section no longer reads as the generated table.
    const readme = readFileSync('src/lib/serving/README.md', 'utf8');
    expect(section(readme)).toBe(section(routeTableMarkdown()));
    const edited = readme.replace('`v1/jobs/{job_id}`', '`v1/queue/{job_id}`');
    expect(section(edited)).not.toBe(section(routeTableMarkdown()));
  });

  it('keeps the READMEs’ route tables generated (npm run docs:routes rewrites them)', async () => {
    expect(await staleRouteFiles()).toEqual([]);
    for (const file of ['README.md', 'src/lib/serving/README.md'])
      for (const route of ROUTES)
        expect(readFileSync(file, 'utf8'), file).toContain(`\`${route.path}\``);
  });

  it('says where the markers go when a README has none', () => {
    expect(() => withRouteTable('# A README\n', 'docs/x.md')).toThrow(ServingError);
    expect(() => withRouteTable('# A README\n', 'docs/x.md')).toThrow(
      /docs\/x\.md has no route section: put the lines "<!-- routes:start/,
    );
  });

  it('builds paths from the table, and refuses one without its parameters', () => {
    expect(apiRoute('predict', { name: 'diabetes' })).toBe('v1/models/diabetes/predict');
    expect(apiRoute('job', { job_id: 'a/b' })).toBe('v1/jobs/a%2Fb');
    expect(() => apiRoute('labels')).toThrow(/needs "name"; pass it in the parameters/);
    const found = matchRoute('POST', apiRoute('labels', { name: 'toy' }));
    expect(found && 'route' in found && found.route.operation).toBe('labels');
    expect(matchRoute('DELETE', 'v1/webhooks/inbox')).toEqual({ allow: ['GET', 'POST'] });
    expect(matchRoute('GET', 'v1/models/toy/predict/extra')).toBeNull();
  });
});

describe('the served-by header: one constant', () => {
  it('is set by toResponse under its wire name', () => {
    expect(SERVED_BY).toBe('x-served-by');
    expect(toResponse(json(200, {}), 'here').headers.get(SERVED_BY)).toBe('here');
  });

  it('is spelled nowhere else in the app (the bridge and cells import it)', () => {
    const spelled = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .map((file) => `src/${file}`)
      .filter((file) => /\.(ts|svelte)$/.test(file) && file !== 'src/lib/serving/http.ts')
      .filter((file) => readFileSync(file, 'utf8').includes('x-served-by'));
    expect(spelled).toEqual([]);
  });
});
