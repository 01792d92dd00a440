import { describe, expect, it } from 'vitest';
import { operationsOf, type OpenApiDoc } from '../../../src/lib/serving/openapi-view';
import { compileClients, conformance, openApiProblems } from './openapi-tools';
import { rows, servingFixture } from './fixture';

type Doc = Record<string, unknown> & { paths: Record<string, unknown> };

/** A router serving `toy` and the course's `diabetes`, and its OpenAPI document. */
async function documented() {
  const f = await servingFixture();
  await f.registry.setAlias('toy', 'champion', 1);
  for (const name of ['toy', 'diabetes'])
    await f.control.deploy(name, { model: 'toy', strategy: 'single', version: 1 });
  const doc = (await f.call('GET', 'v1/openapi.json')).body as Doc;
  return { ...f, doc };
}

/** A client a team would write against the generated types: every path and schema it uses. */
const CLIENT = `
import type { components, paths } from './api';
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type S = components['schemas'];

const row: S['ToyInput'] = { a: 1, b: 2, c: 0 };
type Predict = paths['/v1/models/toy/predict']['post'];
const sent: Json<Predict['requestBody']> = row;
export function predicted(r: Json<Predict['responses']['200']>): number {
  return r.prediction + r.version + r.request_id.length + r.variant.length + r.model.length;
}
export function refused(r: Json<Predict['responses']['422']>): string[] {
  return (r.detail ?? []).map((d) => d.loc.join('.') + d.msg + d.type);
}
export function notAllowed(r: Json<paths['/v1/health']['get']['responses']['405']>): string | undefined {
  return r.detail;
}
export function batch(r: Json<paths['/v1/models/toy/invocations']['post']['responses']['200']>) {
  return r.predictions.map((p) => p * 2).concat(r.version);
}
export function queued(j: Json<paths['/v1/models/toy/jobs']['post']['responses']['202']>): string {
  return j.status_url + j.job_id + j.position + j.status;
}
export function polled(j: S['Job']): number[] {
  const result = j.result;
  if (result && 'predictions' in result) return result.predictions;
  return result ? [result.rows] : [];
}
export function served(list: Json<paths['/v1/models']['get']['responses']['200']>): string[] {
  return list.map((e) => e.name + e.model + e.strategy + e.deployment + e.versions.join());
}
export function health(h: Json<paths['/v1/health']['get']['responses']['200']>): number {
  return h.endpoints + h.deployed + h.queued_jobs + h.log_failures.count;
}
export function labelled(l: Json<paths['/v1/models/toy/labels']['post']['responses']['200']>) {
  return l.labelled + l.unknown.length;
}
export function course(r: Json<paths['/diabetes/predict']['post']['responses']['200']>): number {
  return r.result;
}
export { sent };
`;

describe('the OpenAPI document against real tools', () => {
  it('passes @readme/openapi-parser and @seriousme/openapi-schema-validator, whole and per endpoint', async () => {
    const { doc, call } = await documented();
    expect(await openApiProblems(doc)).toEqual([]);
    const one = (await call('GET', 'v1/models/toy/openapi.json')).body as Doc;
    expect(await openApiProblems(one)).toEqual([]);
    // The docs page reads the shared answers through their references.
    const health = operationsOf(doc as unknown as OpenApiDoc).find((o) => o.id === 'health')!;
    expect(health.responses.find((r) => r.status === '405')!.description).toMatch(/Allow header/);
  });

  it('is caught by the validators when an array answer loses its items', async () => {
    const { doc } = await documented();
    const broken = structuredClone(doc) as {
      paths: Record<string, { get: { responses: Record<string, { content: object }> } }>;
    };
    broken.paths['/v1/models']!.get.responses['200']!.content = {
      'application/json': { schema: { type: 'array' } },
    };
    expect((await openApiProblems(broken)).join()).toMatch(/must include an `items` schema/);
  });

  it('declares every status the router answers, and each answer fits its schema', async () => {
    const { doc, call, router } = await documented();
    const sent: [string, string, unknown?][] = [
      ['GET', 'v1/health'],
      ['GET', 'v1/models'],
      ['GET', 'v1/models/toy'],
      ['GET', 'v1/models/toy/health'],
      ['POST', 'v1/models/toy/predict', rows[0]],
      ['POST', 'v1/models/toy/predict', { a: 'x' }],
      ['POST', 'v1/models/toy/predict', '{"a":'],
      ['POST', 'v1/models/toy/invocations', { dataframe_records: rows.slice(0, 2) }],
      ['POST', 'v1/models/toy/labels', [{ request_id: 'req-1', label: 1 }]],
      ['POST', 'v1/models/toy/labels', [{ request_id: 1 }]],
      ['POST', 'v1/webhooks/box', { any: 1 }],
      ['GET', 'v1/webhooks/box'],
      ['GET', 'v1/jobs/nope'],
      ['POST', 'diabetes/predict', rows[0]],
      ['GET', 'v1/openapi.json'],
      ['GET', 'v1/health/../models'],
      ['DELETE', 'v1/health'],
      ['GET', 'v1/models/toy/predict'],
    ];
    const answers = [];
    for (const [method, path, body] of sent) {
      const res = await call(method, path, body);
      answers.push({ method, path: `/${path}`, status: res.status, body: res.body });
    }
    const job = await call('POST', 'v1/models/toy/jobs', { dataframe_records: rows.slice(0, 2) });
    answers.push({ method: 'POST', path: '/v1/models/toy/jobs', ...job });
    const url = (job.body as { status_url: string }).status_url;
    await expect
      .poll(async () => ((await call('GET', url)).body as { status: string }).status)
      .toBe('done');
    answers.push({ method: 'GET', path: `/${url}`, ...(await call('GET', url)) });
    await router.flush();
    // A path no operation has (`/v1/health/../models`) is not in the document, and says so.
    expect(await conformance(doc, answers)).toEqual([
      'GET /v1/health/../models → 404: not declared',
    ]);
  });

  it('compiles a typed client generated from it, and the client breaks when a path or schema changes', async () => {
    const { doc } = await documented();
    const renamed = structuredClone(doc);
    renamed.paths['/v1/models/toy/predictions'] = renamed.paths['/v1/models/toy/predict'];
    delete renamed.paths['/v1/models/toy/predict'];
    const narrowed = structuredClone(doc) as Doc & {
      components: { schemas: { Job: { properties: Record<string, unknown> } } };
    };
    delete narrowed.components.schemas.Job.properties.status_url;
    const [fits, afterRename, afterNarrowing] = await compileClients(
      [doc, renamed, narrowed].map((d) => ({ doc: d, client: CLIENT })),
    );
    expect(fits).toEqual([]);
    expect(afterRename!.join('\n')).toMatch(/Property '\/v1\/models\/toy\/predict' does not exist/);
    expect(afterNarrowing!.join('\n')).toMatch(/status_url/);
  }, 60_000);
});
