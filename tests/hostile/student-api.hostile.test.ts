import 'fake-indexeddb/auto';
import { describe, expect } from 'vitest';
import { hostile } from './hostile';
import { studentFixture, TOY_API } from '../unit/serving/student-api/fixture';
import { guardKernelScope } from '../../src/workers/kernel-guards';

const detail = (r: { body: unknown }) => (r.body as { detail: unknown }).detail;

/** An api.js with one POST route whose handler body is `code` (the body arrives as `body`). */
const apiWith = (code: string, body = 'z.object({ a: z.number() })') => `import { z } from 'zod';
export default {
  routes: [
    { method: 'POST', path: '/predict', body: z.object({ a: z.number() }), handler: () => ({ ok: true }) },
    { method: 'POST', path: '/x', body: ${body}, handler: async (body) => { ${code} } },
  ],
};
`;

describe('student API', () => {
  hostile(
    'student-api',
    'prototype-pollution bodies (__proto__, constructor.prototype)',
    { guards: 'security' },
    async () => {
      const { call } = await studentFixture({
        p: {
          'api.js': apiWith(
            'return { keys: Object.keys(body), polluted: ({}).polluted ?? null };',
            'z.object({ a: z.number() }).passthrough()',
          ),
        },
      });
      for (const text of [
        '{"a": 1, "__proto__": {"polluted": "yes"}}',
        '{"a": 1, "constructor": {"prototype": {"polluted": "yes"}}}',
      ]) {
        const answer = await call('POST', 'student/p/x', text);
        expect(answer.status).toBe(200);
        expect((answer.body as { polluted: unknown }).polluted).toBeNull();
      }
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      // A strict schema names the stray key as pydantic does.
      const strict = await studentFixture({ toy: { 'api.js': TOY_API } });
      const refused = await strict.call(
        'POST',
        'student/toy/predict',
        '{"a": 1, "b": 0, "vendor": "CMT", "__proto__": {"x": 1}}',
      );
      expect(refused.status).toBe(422);
      expect(detail(refused)).toEqual([
        expect.objectContaining({ loc: ['body', '__proto__'], type: 'extra_forbidden' }),
      ]);
    },
  );

  hostile(
    'student-api',
    'a body schema with 10,000 fields, and a body with 10,000 keys',
    { guards: 'availability', timeout: 20_000 },
    async () => {
      const wide = `z.object(Object.fromEntries(Array.from({ length: 10000 }, (_, i) => ['f' + i, z.number()])))`;
      const { call } = await studentFixture({
        wide: { 'api.js': apiWith('return 1;', wide) },
        toy: { 'api.js': TOY_API },
      });
      const answer = await call('POST', 'student/wide/x', { f0: 1 });
      expect(answer.status).toBe(500);
      expect(detail(answer)).toContain('api.js: route 2 (POST /x): "body" has 10,000 fields');
      const keys = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
      const flood = await call('POST', 'student/toy/predict', keys);
      expect(flood.status).toBe(422);
      expect(detail(flood)).toEqual([expect.objectContaining({ type: 'too_many_keys' })]);
    },
  );

  hostile(
    'student-api',
    'request paths with "..", %2F and regex characters',
    { guards: 'security' },
    async () => {
      const { call } = await studentFixture({ toy: { 'api.js': TOY_API } });
      for (const path of [
        'student/../v1/health',
        'student/toy/../v1/health',
        'student/toy/pre.ict',
        'student/toy/predict.*',
        'student/.*/predict',
        'student/toy/items/..',
      ])
        expect([404, 405]).toContain((await call('POST', path, {})).status);
      // A parameter takes any one segment as a plain string, regex characters included.
      expect((await call('GET', 'student/toy/items/(.*)')).body).toEqual({ id: '(.*)', query: {} });
    },
  );

  hostile(
    'student-api',
    'handlers answering BigInt, a cycle, a function, NaN or a class instance',
    { guards: 'availability' },
    async () => {
      const cases: [string, string][] = [
        ['return { n: 10n };', 'answer.n is a BigInt (10n)'],
        [
          'const o = { a: 1 }; o.self = o; return o;',
          'answer.self refers back to an object that contains it (a cycle)',
        ],
        ['return { f: () => 1 };', 'answer.f is a function'],
        ['return [1, NaN];', 'answer[1] is NaN'],
        ['return { m: new Map() };', 'answer.m is a Map object, not plain data'],
      ];
      for (const [code, says] of cases) {
        const { call } = await studentFixture({ p: { 'api.js': apiWith(code) } });
        const answer = await call('POST', 'student/p/x', { a: 1 });
        expect(answer.status).toBe(500);
        expect(detail(answer)).toContain(says);
        expect((await call('POST', 'student/p/predict', { a: 1 })).status).toBe(200);
      }
    },
  );

  hostile(
    'student-api',
    "a handler reaching for the Labbook's database and offline copy (guarded)",
    { guards: 'data' },
    async () => {
      // What the student-API worker does before any student code runs, on this realm.
      class FakeCacheStorage {
        async open(name: string) {
          return { name };
        }
        async delete() {
          return true;
        }
      }
      Object.assign(globalThis, { CacheStorage: FakeCacheStorage, caches: new FakeCacheStorage() });
      guardKernelScope({
        indexedDB: globalThis.indexedDB,
        caches: (globalThis as { caches?: unknown }).caches,
        location: { origin: 'http://labbook.test', href: 'http://labbook.test/' },
      } as unknown as typeof globalThis);
      const { call } = await studentFixture({
        db: { 'api.js': apiWith("indexedDB.deleteDatabase('mlops-labbook'); return 1;") },
        cache: { 'api.js': apiWith("await caches.delete('workbox-precache-v2-x'); return 1;") },
        own: { 'api.js': apiWith("indexedDB.open('my-own-db'); return { ok: true };") },
      });
      const db = await call('POST', 'student/db/x', { a: 1 });
      expect(db.status).toBe(500);
      expect(detail(db)).toContain('indexedDB.deleteDatabase("mlops-labbook") was refused');
      const cache = await call('POST', 'student/cache/x', { a: 1 });
      expect(detail(cache)).toContain('caches.delete("workbox-precache-v2-x") was refused');
      expect((await call('POST', 'student/own/x', { a: 1 })).status).toBe(200);
    },
  );

  hostile(
    'student-api',
    'a schema that is not a schema, and an api.js that does not parse',
    { guards: 'clarity' },
    async () => {
      const { call } = await studentFixture({
        notschema: { 'api.js': apiWith('return 1;', "{ a: 'number' }") },
        syntax: {
          'api.js':
            'export default { routes: [ { method: "POST", path: "/p", handler() { return 1 } ] };',
        },
      });
      expect(detail(await call('POST', 'student/notschema/x', { a: 1 }))).toContain(
        'api.js: route 2 (POST /x): "body" is not a zod schema (it is an object with keys a)',
      );
      expect(detail(await call('GET', 'student/syntax/health'))).toMatch(
        /cannot start: api\.js:1:\d+/,
      );
    },
  );
});
