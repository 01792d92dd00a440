import { describe, expect, it } from 'vitest';
import { compileClients, conformance, openApiProblems } from '../openapi-tools';
import { studentFixture, TOY_API } from './fixture';

type Doc = Record<string, unknown> & { paths: Record<string, unknown> };

const CLIENT = `
import type { paths } from './api';
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Predict = paths['/student/toy/predict']['post'];
export const trip: Json<Predict['requestBody']> = { a: 1, b: 0.5, vendor: 'CMT' };
export function answered(r: Json<Predict['responses']['200']>): number {
  return r.y + r.vendor.length;
}
export function refused(r: Json<Predict['responses']['422']>): string[] {
  return (r.detail ?? []).map((d) => d.loc.join('.') + d.msg);
}
export function item(id: paths['/student/toy/items/{id}']['get']['parameters']['path']['id']) {
  return id.toUpperCase();
}
export function health(r: Json<paths['/student/toy/health']['get']['responses']['200']>) {
  return r;
}
`;

describe("a student API's OpenAPI document against real tools", () => {
  it('passes both validators, declares every status the API answers, and each answer fits', async () => {
    const { call } = await studentFixture({ toy: { 'api.js': TOY_API } });
    const doc = (await call('GET', 'student/toy/openapi.json')).body as Doc;
    expect(await openApiProblems(doc)).toEqual([]);
    const sent: [string, string, unknown?][] = [
      ['POST', 'student/toy/predict', { a: 1, b: 0.5, vendor: 'CMT' }],
      ['POST', 'student/toy/predict', { a: -1, vendor: 'X' }],
      ['POST', 'student/toy/predict', '{"a":'],
      ['POST', 'student/toy/predict', 'x'.repeat(10)],
      ['GET', 'student/toy/predict'],
      ['GET', 'student/toy/items/7'],
      ['POST', 'student/toy/boom', {}],
      ['GET', 'student/toy/health'],
    ];
    const answers = [];
    for (const [method, path, body] of sent) {
      const res = await call(method, path, body);
      answers.push({ method, path: `/${path}`, status: res.status, body: res.body });
    }
    expect(answers.map((a) => a.status)).toEqual([200, 422, 422, 422, 405, 200, 500, 200]);
    expect(await conformance(doc, answers)).toEqual([]);
  });

  it('compiles a typed client generated from it, which breaks when the body schema changes', async () => {
    const { call } = await studentFixture({
      toy: { 'api.js': TOY_API },
      // The same API with the body's `vendor` renamed: a client sending `vendor` no longer fits.
      renamed: { 'api.js': TOY_API.replaceAll('vendor', 'company') },
    });
    const doc = (await call('GET', 'student/toy/openapi.json')).body as Doc;
    const other = (await call('GET', 'student/renamed/openapi.json')).body as Doc;
    const renamed = JSON.parse(
      JSON.stringify(other).replaceAll('/student/renamed/', '/student/toy/'),
    );
    const [fits, broken] = await compileClients([
      { doc, client: CLIENT },
      { doc: renamed as Doc, client: CLIENT },
    ]);
    expect(fits).toEqual([]);
    expect(broken!.join('\n')).toMatch(/vendor/);
  }, 60_000);
});
