import { describe, expect } from 'vitest';
import {
  fromRequest,
  MAX_BODY_BYTES,
  type ApiResponse,
  type RequestRecord,
} from '../../src/lib/serving';
import { apiRoute, matchRoute } from '../../src/lib/serving/routes';
import { batchRecords, validateRecord } from '../../src/lib/serving/validate';
import { rows, servingFixture } from '../unit/serving/fixture';
import { studentFixture, TOY_API } from '../unit/serving/student-api/fixture';
import { hostile } from './hostile';

type Issue = { loc: (string | number)[]; msg: string; type: string };
const SITE = 'http://labbook.test/site/';
const API = new URL('api/', SITE);

async function deployed() {
  const f = await servingFixture();
  await f.control.deploy('toy', { model: 'toy', strategy: 'single', version: 1, maxBatchRows: 50 });
  return f;
}

/** A request as the service worker reads it: real bytes through fromRequest. */
async function viaFetch(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const request = new Request(new URL(path, API), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return (await fromRequest(request, API))!;
}

const issues = (res: ApiResponse) => (res.body as { detail: Issue[] }).detail;

/** Hostile bodies: what is sent, and the status and issue type it must be answered with. */
const BODIES: [string, string | Uint8Array<ArrayBuffer>, number, string][] = [
  ['200,000-deep arrays', '['.repeat(200_000) + ']'.repeat(200_000), 422, 'json_too_deep'],
  [
    '200,000-deep objects',
    '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000),
    422,
    'json_too_deep',
  ],
  ['unclosed nesting', '['.repeat(100_000), 422, 'json_too_deep'],
  [
    'a 7 MB string',
    JSON.stringify({ a: 'x'.repeat(7 * 1024 * 1024), b: 1, c: 0 }),
    422,
    'float_parsing',
  ],
  [
    'an object of 100,000 keys',
    `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":1`).join(',')}}`,
    422,
    'too_many_keys',
  ],
  [
    '__proto__ key',
    '{"__proto__": {"a": 1, "b": 2, "c": 3}, "a": 1, "b": 1, "c": 0}',
    422,
    'extra_forbidden',
  ],
  [
    'constructor key',
    '{"constructor": {"prototype": {"polluted": 1}}, "a": 1, "b": 1, "c": 0}',
    422,
    'extra_forbidden',
  ],
  [
    'invalid UTF-8',
    new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0xfe, 0x7d]),
    422,
    'json_invalid',
  ],
  ['a 1 MB key', `{"${'k'.repeat(1024 * 1024)}": 1, "a": 1, "b": 1, "c": 0}`, 422, 'key_too_long'],
  ['a lone surrogate', '{"a": "\\ud800", "b": 1, "c": 0}', 422, 'float_parsing'],
  ['NaN literal', '{"a": NaN, "b": 1, "c": 0}', 422, 'json_invalid'],
  ['Infinity literal', '{"a": Infinity, "b": 1, "c": 0}', 422, 'json_invalid'],
  ['1e999', '{"a": 1e999, "b": 1, "c": 0}', 422, 'finite_number'],
  ['an empty body', '', 422, 'missing'],
  ['duplicate keys', '{"a": 1, "b": 1, "c": 0, "a": "x"}', 422, 'duplicate_key'],
  [
    'a text/plain body',
    Object.assign(new Uint8Array([0x7b, 0x7d]), { type: 'text/plain' }),
    415,
    'content_type',
  ],
  ['a body over 8 MB', `"${'x'.repeat(MAX_BODY_BYTES)}"`, 413, 'body_too_large'],
];

describe('prediction API bodies', () => {
  hostile(
    'api-body',
    'fuzz: deep nesting, huge strings, 100k keys, __proto__, bad UTF-8, NaN, 1e999, empty, duplicate keys, then a valid request',
    { guards: 'data', timeout: 60_000 },
    async () => {
      const { router, port } = await deployed();
      const answers: ApiResponse[] = [];
      for (const [name, body, status, type] of BODIES) {
        const contentType = (body as { type?: string }).type ?? 'application/json';
        const res = await router.handle(
          await viaFetch('v1/models/toy/predict', body, { 'content-type': contentType }),
        );
        expect(res.status, name).toBe(status);
        expect(issues(res)[0]!.type, name).toBe(type);
        expect(issues(res)[0]!.loc[0], name).toBe(status === 415 ? 'header' : 'body');
        answers.push(res);
      }
      expect(({} as { polluted?: number }).polluted).toBeUndefined();
      const ok = await router.handle(
        await viaFetch('v1/models/toy/predict', JSON.stringify(rows[0])),
      );
      expect(ok.status).toBe(200);
      await router.store();
      const log = await port.requests('toy');
      // Every refusal and the valid request are logged, each record small: refused bodies are cut.
      expect(log.map((r) => r.id)).toEqual([...answers, ok].map((a) => a.headers['x-request-id']));
      for (const record of log)
        expect(JSON.stringify(record).length, record.error ?? '').toBeLessThan(20_000);
      expect(router.logFailures.state.count).toBe(0);
    },
  );

  hostile(
    'api-body',
    'the same hostile bodies on every path that reads a body',
    { guards: 'availability', timeout: 60_000 },
    async () => {
      const { call } = await deployed();
      const deep = '['.repeat(200_000) + ']'.repeat(200_000);
      for (const path of [
        'v1/models/toy/invocations',
        'v1/models/toy/jobs',
        'v1/models/toy/labels',
        'v1/webhooks/inbox',
      ]) {
        for (const body of [deep, '{"a":1,"a":2}', `"${'x'.repeat(MAX_BODY_BYTES)}"`]) {
          const res = await call('POST', path, body);
          expect([413, 422], `${path} ${body.slice(0, 12)}`).toContain(res.status);
          expect(issues(res)[0]!.loc[0]).toBe('body');
        }
      }
      // A split's columns become each row's keys: bounded like the keys of an object.
      const columns = Array.from({ length: 200_000 }, (_, i) => `c${i}`);
      const split = await call('POST', 'v1/models/toy/invocations', {
        dataframe_split: { columns, data: [columns.map(() => 1)] },
      });
      expect(split.status).toBe(422);
      expect(issues(split)[0]).toMatchObject({
        loc: ['body', 'dataframe_split', 'columns'],
        type: 'too_long',
      });
      const f = await servingFixture();
      await f.registry.setAlias('toy', 'champion', 1);
      await f.control.deploy('diabetes', { model: 'toy', strategy: 'single', version: 1 });
      expect((await f.call('POST', 'diabetes/predict', deep)).status).toBe(422);
    },
  );

  hostile(
    'api-body',
    'a batch (or a list of labels) over the endpoint limit is refused 413, the batch logged without its rows',
    { guards: 'availability' },
    async () => {
      const { call, router, port } = await deployed();
      const res = await call('POST', 'v1/models/toy/invocations', {
        dataframe_records: Array(51).fill(rows[0]),
      });
      expect(res.status).toBe(413);
      expect((res.body as { detail: string }).detail).toMatch(
        /51 rows exceed this endpoint's limit of 50/,
      );
      await router.store();
      expect((await port.requests('toy')).map((r) => [r.status, r.inputs.length])).toEqual([
        [413, 0],
      ]);
      const labels = Array.from({ length: 51 }, (_, i) => ({ request_id: `r${i}`, label: 1 }));
      const tooMany = await call('POST', 'v1/models/toy/labels', labels);
      expect(tooMany.status).toBe(413);
      expect((tooMany.body as { detail: string }).detail).toMatch(/51 labels exceed/);
    },
  );
});

describe('prediction API requests (in Node)', () => {
  hostile(
    'api-request',
    'a wrong method gets 405 with Allow, an unknown route 404',
    { guards: 'clarity' },
    async () => {
      const { call } = await deployed();
      const wrong = await call('DELETE', 'v1/models/toy/predict');
      expect(wrong.status).toBe(405);
      expect(wrong.headers.allow).toBe('POST');
      const unknown = await call('POST', 'v1/models/toy/predict/../../admin', rows[0]);
      expect(unknown.status).toBe(404);
      expect((unknown.body as { detail: string }).detail).toMatch(
        /no API route .*openapi\.json lists them/,
      );
    },
  );

  hostile(
    'api-request',
    'a Content-Length header that lies is not believed',
    { guards: 'availability' },
    async () => {
      const { call } = await deployed();
      const small = await call('POST', 'v1/models/toy/predict', rows[0], {
        'content-length': '99999999999',
      });
      expect(small.status).toBe(200);
      const big = await call('POST', 'v1/models/toy/predict', `"${'x'.repeat(MAX_BODY_BYTES)}"`, {
        'content-length': '2',
      });
      expect(big.status).toBe(413);
    },
  );

  hostile(
    'api-request',
    'x- headers of 100 KB: ignored, or refused and never logged whole',
    { guards: 'availability' },
    async () => {
      const { call, router, port } = await deployed();
      const huge = 'k'.repeat(100 * 1024);
      expect(
        (await call('POST', 'v1/models/toy/predict', rows[0], { 'x-anything': huge })).status,
      ).toBe(200);
      const keyed = await call('POST', 'v1/models/toy/predict', rows[0], { 'x-request-key': huge });
      expect(keyed.status).toBe(422);
      expect(issues(keyed)[0]).toMatchObject({
        loc: ['header', 'x-request-key'],
        type: 'string_too_long',
      });
      await router.store();
      const log = await port.requests('toy');
      expect(log.map((r) => r.status)).toEqual([200, 422]);
      for (const r of log) expect(JSON.stringify(r).length).toBeLessThan(5_000);
    },
  );

  hostile(
    'api-request',
    'requests while the log store is failing: answered, counted, and logged again once it recovers',
    { guards: 'data' },
    async () => {
      const { call, router, port } = await deployed();
      const append = port.appendRequests.bind(port);
      let down = true;
      port.appendRequests = async (records: RequestRecord[]) => {
        if (down)
          throw new DOMException('The database connection is closing.', 'InvalidStateError');
        return append(records);
      };
      const during: number[] = [];
      for (const row of rows.slice(0, 3)) {
        const res = await call('POST', 'v1/models/toy/predict', row);
        during.push(res.status);
        await router.store();
      }
      expect(during).toEqual([200, 200, 200]);
      expect(router.logFailures.state).toMatchObject({
        count: 3,
        reason: expect.stringMatching(/^InvalidStateError: /),
      });
      down = false;
      const after = await call('POST', 'v1/models/toy/predict', rows[3]);
      await router.store();
      expect((await port.requests('toy')).map((r) => r.id)).toEqual([
        after.headers['x-request-id'],
      ]);
    },
  );
});

describe('fields named like Object.prototype members', () => {
  const inputs = [
    { name: 'constructor', type: 'double' as const },
    { name: 'toString', type: 'double' as const },
  ];

  hostile(
    'api-body',
    'a body without a model\'s "constructor" and "toString" inputs',
    { guards: 'clarity' },
    () => {
      const { issues: found } = validateRecord({}, inputs, ['body']);
      expect(found.map((i) => [i.loc.join('.'), i.type, i.input])).toEqual([
        ['body.constructor', 'missing', null],
        ['body.toString', 'missing', null],
      ]);
    },
  );

  hostile('api-body', 'a batch with "constructor" beside its rows', { guards: 'clarity' }, () => {
    expect(batchRecords({ constructor: 1, dataframe_records: [{}] })).toMatchObject({ ok: true });
  });

  hostile(
    'api-request',
    'paths built to fool the route table (regex characters, dots, 100 KB, encoded slashes) reach no other route',
    { guards: 'security' },
    async () => {
      // Each template's dot is a dot: `openapiXjson` is not `openapi.json`.
      for (const path of ['v1/openapiXjson', 'v1/models/toy/openapi_json', 'v1/health/', 'v1'])
        expect(matchRoute('GET', path), path).toBeNull();
      // A parameter is one segment, whatever it holds.
      for (const name of ['.*', '(a|b)', '[x]', '\\d+', '__proto__', 'a.b', 'x'.repeat(100_000)]) {
        const found = matchRoute('POST', `v1/models/${name}/predict`);
        expect(found && 'route' in found && found.params, name.slice(0, 12)).toEqual({ name });
        expect(matchRoute('POST', `v1/models/${name}/x/predict`), name.slice(0, 12)).toBeNull();
      }
      // A name with a slash, built by apiRoute, stays one segment (the router's 404 names it).
      const { call } = await deployed();
      const built = apiRoute('predict', { name: '../../v1/health' });
      expect(built).toBe('v1/models/..%2F..%2Fv1%2Fhealth/predict');
      const res = await call('POST', built, rows[0]);
      expect(res.status).toBe(404);
      expect((res.body as { detail: string }).detail).toMatch(/Model endpoint .* not found/);
    },
  );

  hostile(
    'api-body',
    'an oversized batch of bad rows is refused 413 before validation, whether scored now or queued',
    { guards: 'availability' },
    async () => {
      const { call, router, port } = await deployed();
      const bad = { dataframe_records: Array(51).fill({ a: 'x', nope: 1 }) };
      for (const path of ['v1/models/toy/invocations', 'v1/models/toy/jobs']) {
        const res = await call('POST', path, bad);
        expect(res.status, path).toBe(413);
        expect((res.body as { detail: string }).detail, path).toMatch(
          /51 rows exceed this endpoint's limit of 50 per (request|job)/,
        );
      }
      // An empty batch is refused at once on both paths, not left to fail in the queue.
      for (const path of ['v1/models/toy/invocations', 'v1/models/toy/jobs'])
        expect((await call('POST', path, { dataframe_records: [] })).status, path).toBe(422);
      await router.store();
      expect((await port.requests('toy')).map((r) => r.status).sort()).toEqual([
        413, 413, 422, 422,
      ]);
    },
  );

  hostile(
    'api-body',
    "hostile label posts to a student's own API: refused, located, logged, and the API stays up",
    { guards: 'data', timeout: 60_000 },
    async () => {
      const { call, router, port } = await studentFixture({ toy: { 'api.js': TOY_API } });
      const scored = await call('POST', 'student/toy/predict', { a: 2, b: 0.5, vendor: 'CMT' });
      const id = scored.headers?.['x-request-id'];
      const deep = '['.repeat(200_000) + ']'.repeat(200_000);
      for (const body of [
        deep,
        '{"request_id":"x","request_id":"y","label":1}',
        JSON.stringify([{ request_id: id, label: 'NaN' }]),
        JSON.stringify([{ request_id: { toString: 1 }, label: 1 }]),
        JSON.stringify(Array.from({ length: 10_001 }, () => ({ request_id: id, label: 1 }))),
      ]) {
        const res = await call('POST', 'student/toy/labels', body);
        expect([413, 422], body.slice(0, 24)).toContain(res.status);
      }
      // Nothing was labelled by a refused post; a valid one is stored and acknowledged.
      await router.flush();
      expect((await port.requests('student/toy')).find((r) => r.id === id)?.label).toBeNull();
      const ok = await call('POST', 'student/toy/labels', { request_id: id, label: 7 });
      expect(ok).toMatchObject({ status: 200, body: { labelled: 1, unknown: [] } });
      await router.flush();
      expect((await port.requests('student/toy')).find((r) => r.id === id)?.label).toBe(7);
      expect(
        (await call('POST', 'student/toy/predict', { a: 1, b: 0.1, vendor: 'VTS' })).status,
      ).toBe(200);
    },
  );
});
