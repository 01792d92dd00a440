import { describe, expect, it } from 'vitest';
import { studentFixture, TOY_API } from './fixture';

const body = (r: { body: unknown }) =>
  r.body as { detail: { loc: unknown[]; type: string; msg: string }[] };

describe('a student API served by the router', () => {
  it('answers a valid body with the model behind the alias, its preprocessing applied, and logs it', async () => {
    const { call, router, port } = await studentFixture({ toy: { 'api.js': TOY_API } });
    const answer = await call('POST', 'student/toy/predict', { a: 2, b: 0.5, vendor: 'CMT' });
    expect(answer.status).toBe(200);
    // y = 3·2 − 2·0.5 + 1 = 6; the computed field comes from the response schema's transform.
    expect((answer.body as { y: number }).y).toBeCloseTo(6, 6);
    expect(answer.body).toMatchObject({ vendor: 'CMT', doubled: expect.closeTo(12, 6) as number });
    await router.flush();
    const [record] = await port.requests('student/toy');
    expect(record).toMatchObject({
      status: 200,
      path: 'student/toy/predict',
      version: 1,
      inputs: [{ a: 2, b: 0.5, c: 0 }],
    });
    expect(record!.predictions[0]).toBeCloseTo(6, 6);
  });

  it('takes delayed labels at POST labels as a built-in endpoint does, and logs the post', async () => {
    const { call, router, port } = await studentFixture({ toy: { 'api.js': TOY_API } });
    const scored = await call('POST', 'student/toy/predict', { a: 2, b: 0.5, vendor: 'CMT' });
    const id = scored.headers?.['x-request-id'];
    expect(id).toBeTypeOf('string');
    const labelled = await call('POST', 'student/toy/labels', [
      { request_id: id, label: 5 },
      { request_id: 'no-such-request', label: 1 },
    ]);
    expect(labelled).toMatchObject({
      status: 200,
      body: { labelled: 1, unknown: ['no-such-request'] },
    });
    const bad = await call('POST', 'student/toy/labels', [{ request_id: id }]);
    expect(bad.status).toBe(422);
    expect(body(bad).detail[0]!.loc).toEqual(['body', 0, 'label']);
    await router.flush();
    const logged = await port.requests('student/toy');
    expect(logged.find((r) => r.id === id)).toMatchObject({ label: 5 });
    expect(logged.filter((r) => r.pattern === 'labels').map((r) => r.status)).toEqual([200, 422]);
  });

  it('answers 422 in FastAPI words for bounds, enums, missing and extra fields, every one named', async () => {
    const { call, router, port } = await studentFixture({ toy: { 'api.js': TOY_API } });
    const answer = await call('POST', 'student/toy/predict', {
      a: -1,
      b: 1,
      vendor: 'X',
      extra: 1,
    });
    expect(answer.status).toBe(422);
    expect(body(answer).detail.map((d) => [d.loc.join('.'), d.type, d.msg])).toEqual([
      ['body.a', 'greater_than', 'Input should be greater than 0'],
      ['body.b', 'less_than', 'Input should be less than 1'],
      ['body.vendor', 'enum', 'Input should be "CMT" or "VTS"'],
      ['body.extra', 'extra_forbidden', 'Extra inputs are not permitted'],
    ]);
    const missing = await call('POST', 'student/toy/predict', { note: 3 });
    expect(body(missing).detail.map((d) => `${d.loc.join('.')} ${d.type}`)).toEqual([
      'body.a missing',
      'body.b missing',
      'body.vendor missing',
      'body.note string_type',
    ]);
    await router.flush();
    const logged = await port.requests('student/toy');
    expect(logged.map((r) => r.status)).toEqual([422, 422]);
    expect(logged[0]!.detail?.[0]).toMatchObject({ loc: ['body', 'a'], type: 'greater_than' });
  });

  it('words a union of literals as one literal_error, as pydantic does for Literal[1, 2]', async () => {
    const api = `import { z } from 'zod';
export default { routes: [{ method: 'POST', path: '/p', body: z.object({ sex: z.union([z.literal(1), z.literal(2)]) }), handler: (b) => b }] };`;
    const { call } = await studentFixture({ p: { 'api.js': api } });
    expect(body(await call('POST', 'student/p/p', { sex: 3 })).detail).toEqual([
      { loc: ['body', 'sex'], type: 'literal_error', msg: 'Input should be 1 or 2', input: 3 },
    ]);
  });

  it('refuses what the built-in routes refuse, with the same check: not JSON, too deep, duplicate keys', async () => {
    const { call } = await studentFixture({ toy: { 'api.js': TOY_API } });
    expect(
      (await call('POST', 'student/toy/predict', '{"a":1}', { 'content-type': 'text/plain' }))
        .status,
    ).toBe(415);
    const dup = await call('POST', 'student/toy/predict', '{"a":1,"a":2}');
    expect(body(dup).detail[0]!.type).toBe('duplicate_key');
    expect(body(await call('POST', 'student/toy/predict', '{"a":')).detail[0]!.type).toBe(
      'json_invalid',
    );
  });

  it('answers 500 with the error and its line when a handler throws, logs it, and stays up', async () => {
    const { call, router, port } = await studentFixture({ toy: { 'api.js': TOY_API } });
    const boom = await call('POST', 'student/toy/boom');
    expect(boom.status).toBe(500);
    expect((boom.body as { detail: string }).detail).toMatch(
      /^Internal Server Error: the handler of POST \/boom threw TypeError: no such column \(at api\.js:31:15\)/,
    );
    expect((await call('POST', 'student/toy/predict', { a: 1, b: 0, vendor: 'VTS' })).status).toBe(
      200,
    );
    await router.flush();
    const [failed] = await port.requests('student/toy');
    expect(failed).toMatchObject({
      status: 500,
      error: expect.stringContaining('no such column') as string,
    });
  });

  it('serves health, path parameters and the query, and an OpenAPI document from the schemas', async () => {
    const { call } = await studentFixture({ toy: { 'api.js': TOY_API } });
    expect((await call('GET', 'student/toy/health')).body).toMatchObject({
      status: 'ok',
      routes: ['POST /predict', 'GET /items/{id}', 'POST /boom'],
    });
    expect((await call('GET', 'student/toy/items/7')).body).toEqual({ id: '7', query: {} });
    expect((await call('GET', 'student/toy/predict')).status).toBe(405);
    expect((await call('GET', 'student/toy/nope')).status).toBe(404);
    const doc = (await call('GET', 'student/toy/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    expect(Object.keys(doc.paths)).toEqual([
      '/student/toy/predict',
      '/student/toy/items/{id}',
      '/student/toy/boom',
      '/student/toy/health',
      '/student/toy/labels',
    ]);
    expect(
      doc.paths['/student/toy/predict']!.post!.requestBody!.content['application/json']!.schema,
    ).toMatchObject({
      properties: {
        a: { type: 'number', exclusiveMinimum: 0 },
        b: { exclusiveMaximum: 1 },
        vendor: { enum: ['CMT', 'VTS'] },
        c: { default: 0 },
      },
      required: ['a', 'b', 'vendor'],
    });
  });

  it('answers a broken api.js with its located error, and an unknown project with 404', async () => {
    const { call } = await studentFixture({
      bad: {
        'api.js':
          'export default {\n  routes: [ { method: "POST", path: "/p", body: 1, handler() {} } ]\n};\n',
      },
      syntax: { 'api.js': 'export default {{;' },
    });
    const bad = await call('POST', 'student/bad/p', {});
    expect(bad.status).toBe(500);
    expect((bad.body as { detail: string }).detail).toContain(
      'cannot start: api.js: route 1 (POST /p): "body" is not a zod schema (it is a number)',
    );
    expect((await call('GET', 'student/bad/health')).status).toBe(503);
    expect((await call('GET', 'student/syntax/health')).body).toMatchObject({
      detail: expect.stringMatching(/api\.js:1:\d+/) as string,
    });
    const none = await call('GET', 'student/nobody/health');
    expect(none.status).toBe(404);
  });

  it('applies an edit to api.js (or a module it imports) on the next request', async () => {
    const files: Record<string, string> = {
      'api.js':
        "import { v } from './v.js';\nexport default { routes: [{ method: 'GET', path: '/v', handler: () => ({ v }) }] };",
      'v.js': 'export const v = 1;',
    };
    const { call } = await studentFixture({ p: files });
    expect((await call('GET', 'student/p/v')).body).toEqual({ v: 1 });
    expect((await call('GET', 'student/p/v')).body).toEqual({ v: 1 });
    files['v.js'] = 'export const v = 2;';
    expect((await call('GET', 'student/p/v')).body).toEqual({ v: 2 });
    files['api.js'] = 'export default {{';
    expect((await call('GET', 'student/p/v')).status).toBe(500);
    files['api.js'] =
      "export default { routes: [{ method: 'GET', path: '/v', handler: () => ({ v: 3 }) }] };";
    expect((await call('GET', 'student/p/v')).body).toEqual({ v: 3 });
  });

  it('answers 503 naming the fix when no page hosts student code', async () => {
    const { ServingRouter, memoryServingPort } = await import('../../../../src/lib/serving');
    const { registry } = await studentFixture({});
    const router = new ServingRouter({ port: memoryServingPort(), registry });
    const answer = await router.handle({
      method: 'GET',
      path: 'student/toy/health',
      query: {},
      headers: {},
      body: null,
    });
    expect(answer.status).toBe(503);
    expect((answer.body as { detail: string }).detail).toContain(
      'no Labbook page is open to run the API of project "toy"',
    );
  });
});
