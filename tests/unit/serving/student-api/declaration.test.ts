import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ServingError } from '../../../../src/lib/serving/errors';
import { readDeclaration } from '../../../../src/lib/serving/student/declaration';

const handler = () => ({});
const declared = (routes: unknown[]) => ({ default: { routes } });
const refusal = (namespace: Record<string, unknown>) => {
  try {
    readDeclaration(namespace);
  } catch (error) {
    expect(error).toBeInstanceOf(ServingError);
    expect((error as ServingError).code).toBe('bad-student-api');
    return (error as Error).message;
  }
  throw new ServingError('bad-route', 'expected a refusal');
};

describe('a student API declaration', () => {
  it('accepts routes with zod schemas, and compiles their paths', () => {
    const api = readDeclaration(
      declared([
        { method: 'post', path: '/predict', body: z.object({ a: z.number() }), handler },
        { method: 'GET', path: '/trips/{trip_id}', handler },
      ]),
    );
    expect(api.routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /predict',
      'GET /trips/{trip_id}',
    ]);
    expect(api.routes[1]!.params).toEqual(['trip_id']);
    expect(api.routes[1]!.pattern.exec('trips/42')?.[1]).toBe('42');
  });

  it('refuses a schema that is not a schema, naming the file, the route and the fix', () => {
    const message = refusal(
      declared([{ method: 'POST', path: '/predict', body: { a: 'number' }, handler }]),
    );
    expect(message).toMatch(
      /^api\.js: route 1 \(POST \/predict\): "body" is not a zod schema \(it is an object with keys a\)/,
    );
    expect(message).toContain("import { z } from 'zod'");
    expect(
      refusal(declared([{ method: 'POST', path: '/p', response: 'z.number()', handler }])),
    ).toContain('"response" is not a zod schema (it is the string "z.number()")');
  });

  it('refuses a route declared twice, even with other parameter names', () => {
    const message = refusal(
      declared([
        { method: 'GET', path: '/trips/{id}', handler },
        { method: 'GET', path: '/trips/{trip_id}', handler },
      ]),
    );
    expect(message).toBe(
      'api.js: GET /trips/{trip_id} is declared twice (also as GET /trips/{id}); a request could reach either. Remove one, or give them different paths.',
    );
  });

  it('refuses a route that collides with a built-in one, or with a reserved route (health, labels)', () => {
    expect(
      refusal(declared([{ method: 'POST', path: '/v1/models/{m}/predict', handler }])),
    ).toContain("collides with the Labbook's built-in route POST api/v1/models/{name}/predict");
    expect(refusal(declared([{ method: 'GET', path: '/api/v1/health', handler }]))).toContain(
      'built-in route GET api/v1/health',
    );
    expect(refusal(declared([{ method: 'GET', path: '/health', handler }]))).toContain(
      'GET /health is the health route every student API has',
    );
    expect(refusal(declared([{ method: 'POST', path: '/labels', handler }]))).toContain(
      'POST /labels is the delayed-labels route every student API has',
    );
  });

  it('refuses paths with "..", regex characters or no leading slash', () => {
    for (const path of ['/../predict', '/a/./b', '/pre(d)ict', '/x.*', 'predict', '/a/{b}/{b}'])
      expect(refusal(declared([{ method: 'GET', path, handler }]))).toMatch(
        /^api\.js: route 1 \(GET /,
      );
  });

  it('refuses a missing default export, a handler that is not a function and a GET with a body', () => {
    expect(refusal({})).toContain('the default export is missing');
    expect(refusal({ default: { routes: 'x' } })).toContain('"routes" is the string "x"');
    expect(refusal(declared([{ method: 'POST', path: '/p', handler: 'f' }]))).toContain(
      '"handler" is the string "f"',
    );
    expect(
      refusal(declared([{ method: 'GET', path: '/p', body: z.object({}), handler }])),
    ).toContain('a GET request has no body');
    expect(refusal(declared([{ method: 'TRACE', path: '/p', handler }]))).toContain(
      'use one of GET, POST',
    );
  });

  it('refuses a body schema wider than any request may be', () => {
    const shape = Object.fromEntries(
      Array.from({ length: 10_000 }, (_, i) => [`f${i}`, z.number()]),
    );
    expect(
      refusal(declared([{ method: 'POST', path: '/wide', body: z.object(shape), handler }])),
    ).toContain(
      '"body" has 10,000 fields; a JSON object sent to the API may have at most 1,000 keys',
    );
  });
});
