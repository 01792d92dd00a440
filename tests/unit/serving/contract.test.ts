import { describe, expect, it } from 'vitest';
import type { NumericColumn } from '../../../src/lib/data/columnar';
import { toApiRequest } from '../../../src/lib/serving';
import { servingFixture, rows, truth } from './fixture';

type Detail = { detail: { loc: (string | number)[]; msg: string; type: string }[] };

async function deployed() {
  const f = await servingFixture();
  await f.control.deploy('toy', { model: 'toy', strategy: 'single', version: 1 });
  return f;
}

describe('prediction API contract', () => {
  it('predicts one row with the model, its version and the request id', async () => {
    const { call, router, port } = await deployed();
    const res = await call('POST', 'v1/models/toy/predict', { a: 2, b: 1, c: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      prediction: expect.closeTo(truth({ a: 2, b: 1 }), 9),
      model: 'toy',
      version: 1,
      variant: 'single',
      request_id: expect.stringMatching(/^req-/),
    });
    const id = (res.body as { request_id: string }).request_id;
    expect(res.headers['x-request-id']).toBe(id);
    await router.flush();
    const [logged] = await port.requests('toy');
    expect(logged).toMatchObject({
      id,
      status: 200,
      version: 1,
      variant: 'single',
      pattern: 'sync',
      inputs: [{ a: 2, b: 1, c: 0 }],
    });
    expect(logged!.predictions[0]).toBeCloseTo(5, 9);
  });

  it('scores batches in every MLflow invocation format', async () => {
    const { call } = await deployed();
    const expected = rows.slice(0, 4).map(truth);
    for (const body of [
      { dataframe_records: rows.slice(0, 4) },
      { instances: rows.slice(0, 4) },
      {
        dataframe_split: {
          columns: ['a', 'b', 'c'],
          data: rows.slice(0, 4).map((r) => [r.a, r.b, r.c]),
        },
      },
    ]) {
      const res = await call('POST', 'v1/models/toy/invocations', body);
      expect(res.status).toBe(200);
      (res.body as { predictions: number[] }).predictions.forEach((p, i) =>
        expect(p).toBeCloseTo(expected[i]!, 9),
      );
    }
    const wrong = await call('POST', 'v1/models/toy/invocations', { rows: [] });
    expect(wrong.status).toBe(422);
    expect((wrong.body as Detail).detail[0]!.type).toBe('invocation_format');
  });

  it('answers 422 naming every bad field, pydantic-style', async () => {
    const { call } = await deployed();
    // 1e400 is Infinity once parsed, so the body is sent as raw text.
    const raw = await call('POST', 'v1/models/toy/predict', '{"a": "two", "c": 1e400, "bmii": 3}');
    expect(raw.status).toBe(422);
    expect((raw.body as Detail).detail.map(({ loc, type }) => ({ loc, type }))).toEqual([
      { loc: ['body', 'a'], type: 'float_parsing' },
      { loc: ['body', 'b'], type: 'missing' },
      { loc: ['body', 'c'], type: 'finite_number' },
      { loc: ['body', 'bmii'], type: 'extra_forbidden' },
    ]);
    expect((raw.body as Detail).detail[1]!.msg).toBe('Field required');
  });

  it('refuses hostile input with the right status and never crashes', async () => {
    const { call } = await deployed();
    const cases: [unknown, number, string][] = [
      ['{"a": NaN, "b": 1, "c": 0}', 422, 'json_invalid'],
      [{ a: 'NaN', b: 1, c: 0 }, 422, 'finite_number'],
      [{ a: '-Infinity', b: 1, c: 0 }, 422, 'finite_number'],
      [{ a: 'x'.repeat(100_000), b: 1, c: 0 }, 422, 'float_parsing'],
      [{ a: [1], b: {}, c: true }, 422, 'float_type'],
      [[1, 2, 3], 422, 'model_attributes_type'],
      ['null', 422, 'model_attributes_type'],
      ['{"a": 1,', 422, 'json_invalid'],
      ['', 422, 'missing'],
    ];
    for (const [body, status, type] of cases) {
      const res = await call('POST', 'v1/models/toy/predict', body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      expect((res.body as Detail).detail[0]!.type).toBe(type);
    }
    // Numbers written as text are accepted, as pydantic's lax mode does.
    expect((await call('POST', 'v1/models/toy/predict', { a: '2', b: '1', c: '0' })).status).toBe(
      200,
    );
    const text = await call('POST', 'v1/models/toy/predict', '{"a":1,"b":1,"c":0}', {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);
    const none = await call('POST', 'v1/models/toy/predict', undefined);
    expect(none.status).toBe(415);
  });

  it('logs every refused request with its status, latency and (for 422) the issues', async () => {
    const { call, control, router, port } = await deployed();
    await control.deploy('toy', { strategy: 'single', version: 1, maxBatchRows: 2 });
    const sent: [string, unknown, Record<string, string>?][] = [
      ['v1/models/toy/predict', '{"a":1}', { 'content-type': 'text/plain' }],
      ['v1/models/toy/predict', '{"a": 1,'],
      ['v1/models/toy/predict', { a: 'two', b: 1, c: 0, note: 'x'.repeat(10_000) }],
      ['v1/models/toy/invocations', { rows: [] }],
      ['v1/models/toy/invocations', { dataframe_records: Array(3).fill(rows[0]) }],
      ['v1/models/toy/jobs', { dataframe_records: [{ a: 1 }] }],
      ['v1/models/toy/jobs', { dataframe_records: Array(3).fill(rows[0]) }],
      ['v1/models/toy/jobs', { dataframe_records: [rows[0]], callback_url: 'https://x.org/' }],
    ];
    const answers = [];
    for (const [path, body, headers] of sent) answers.push(await call('POST', path, body, headers));
    await control.undeploy('toy');
    answers.push(await call('POST', 'v1/models/toy/predict', rows[0]));
    // An unknown name is answered 404 and starts no log of its own.
    expect((await call('POST', 'v1/models/tyo/predict', rows[0])).status).toBe(404);
    await router.flush();
    expect(await port.requests('tyo')).toEqual([]);
    const log = await port.requests('toy');
    const statuses = answers.map((a) => a.status);
    expect(statuses).toEqual([415, 422, 422, 422, 413, 422, 413, 422, 503]);
    expect(log.map((r) => r.status).sort()).toEqual([...statuses].sort());
    // Each answer names its log record, so a student can find it.
    expect(new Set(log.map((r) => r.id))).toEqual(
      new Set(answers.map((a) => a.headers['x-request-id'])),
    );
    for (const r of log) {
      expect(r.error, `${r.status} ${r.path}`).toBeTruthy();
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    }
    const bad = log.find((r) => r.status === 422 && r.path.endsWith('predict') && r.rows === 1)!;
    expect(bad.detail!.map((d) => d.loc)).toEqual([
      ['body', 'a'],
      ['body', 'note'],
    ]);
    expect(bad.error).toMatch(/2 validation issue\(s\) \(first: body\.a: /);
    // The 10,000-character input is cut in the log; the answer itself keeps the issue whole.
    expect(JSON.stringify(bad.detail).length).toBeLessThan(1000);
    expect(log.find((r) => r.status === 415)!.detail![0]!.loc).toEqual(['header', 'content-type']);
    expect(log.filter((r) => r.path.endsWith('jobs')).every((r) => r.pattern === 'async')).toBe(
      true,
    );
  });

  it('never answers a non-finite prediction as 200: 422 naming the row and its largest input', async () => {
    const { call } = await deployed();
    const one = await call('POST', 'v1/models/toy/predict', { a: 1e308, b: 0, c: 0 });
    expect(one.status).toBe(422);
    const [issue] = (one.body as Detail).detail;
    expect(issue).toMatchObject({ loc: ['body'], type: 'non_finite_prediction' });
    expect(issue!.msg).toMatch(/not finite .*largest is a = 1e\+308.*training range/);
    const batch = await call('POST', 'v1/models/toy/invocations', {
      dataframe_records: [rows[0], { a: 0, b: 1e308, c: 0 }, rows[1]],
    });
    expect(batch.status).toBe(422);
    expect((batch.body as Detail).detail.map((d) => d.loc)).toEqual([
      ['body', 'dataframe_records', 1],
    ]);
    expect((batch.body as Detail).detail[0]!.msg).toMatch(/largest is b = 1e\+308/);
  });

  it('answers 400 for a path with a broken %-escape instead of throwing', async () => {
    const { router } = await deployed();
    const root = new URL('https://lab.example/app/api/');
    const url = new URL('https://lab.example/app/api/v1/models/%E0%A4%A/predict');
    const req = toApiRequest(url, root, 'POST', [['Content-Type', 'application/json']], '{}')!;
    expect(req.malformed).toMatch(/malformed %-escape.*encodeURIComponent/);
    const res = await router.handle(req);
    expect(res.status).toBe(400);
    expect((res.body as { detail: string }).detail).toMatch(/%E0%A4%A/);
    const fine = toApiRequest(
      new URL('https://lab.example/app/api/v1/models/to%79/health'),
      root,
      'GET',
      [],
      null,
    )!;
    expect(fine.path).toBe('v1/models/toy/health');
    expect((await router.handle(fine)).status).toBe(200);
  });

  it('refuses hostile bodies on invocations, jobs and labels with a 4xx and a useful detail', async () => {
    const { call } = await deployed();
    const long = 'x'.repeat(100_000);
    const bodies: unknown[] = [
      '{"dataframe_records": [{"a": NaN}]}',
      '{"inputs": ',
      '',
      'null',
      '"text"',
      42,
      [],
      { dataframe_records: 'rows' },
      { dataframe_records: [null, 1, 'x'] },
      { dataframe_records: [{ a: 1e308, b: 'NaN', c: long }] },
      { dataframe_split: { columns: ['a'], data: [[1, 2, 3]] } },
      { dataframe_split: { columns: 'a', data: 'b' } },
      { instances: [[1, 2, 3]] },
      { inputs: { a: [1, 2], b: [1] } },
      { [long]: 1 },
      { dataframe_records: [rows[0]], instances: [rows[0]] },
    ];
    const labelBodies: unknown[] = [
      '{"request_id": NaN}',
      '',
      'null',
      42,
      [null, 'x'],
      [{ request_id: 7, label: 'NaN' }],
      [{ label: 1 }],
      [{ request_id: 'r', label: Infinity }],
      '[{"request_id": "r", "label": 1e400}]',
      [{ request_id: long, label: Number.MAX_VALUE * 10 }],
    ];
    const sent: [string, unknown, Record<string, string>?][] = [
      ...bodies.map((b): [string, unknown] => ['v1/models/toy/invocations', b]),
      ...bodies.map((b): [string, unknown] => ['v1/models/toy/jobs', b]),
      ...labelBodies.map((b): [string, unknown] => ['v1/models/toy/labels', b]),
      ...['invocations', 'jobs', 'labels'].map(
        (route): [string, unknown, Record<string, string>] => [
          `v1/models/toy/${route}`,
          '[]',
          { 'content-type': 'text/csv' },
        ],
      ),
      ['v1/models/toy/jobs', { dataset: 42 }],
      ['v1/models/toy/jobs', { dataset: 'no-such-data' }],
    ];
    for (const [path, body, headers] of sent) {
      const what = `${path} ${String(JSON.stringify(body)).slice(0, 60)}`;
      const res = await call('POST', path, body, headers);
      if (res.status === 202) {
        // A job accepted for a dataset that does not exist fails in the job, saying so.
        const id = (res.body as { job_id: string }).job_id;
        await expect
          .poll(
            async () => ((await call('GET', `v1/jobs/${id}`)).body as { status: string }).status,
          )
          .toBe('failed');
        const job = (await call('GET', `v1/jobs/${id}`)).body as { error: string };
        expect(job.error, what).toMatch(/no-such-data/);
        continue;
      }
      expect(res.status, what).toBeGreaterThanOrEqual(400);
      expect(res.status, what).toBeLessThan(500);
      const { detail } = res.body as { detail: unknown };
      const text = typeof detail === 'string' ? detail : JSON.stringify(detail);
      expect(text.length, what).toBeGreaterThan(10);
      if (Array.isArray(detail))
        for (const issue of detail as Detail['detail']) {
          expect(issue.loc.length, what).toBeGreaterThan(0);
          expect(issue.msg, what).toBeTruthy();
        }
    }
  });

  it('says 404 for an unknown model, 503 when nothing is deployed, 413 for an oversized batch, 405 for a wrong method', async () => {
    const { call, control } = await deployed();
    const unknown = await call('POST', 'v1/models/nope/predict', rows[0]);
    expect(unknown.status).toBe(404);
    expect((unknown.body as { detail: string }).detail).toMatch(
      /"nope" not found. Served here: toy/,
    );
    expect((await call('GET', 'v1/models/nope/health')).status).toBe(404);
    expect((await call('GET', 'v2/whatever')).status).toBe(404);
    expect((await call('GET', 'v1/models/toy/predict')).status).toBe(405);

    await control.deploy('toy', { strategy: 'single', version: 1, maxBatchRows: 5 });
    const big = await call('POST', 'v1/models/toy/invocations', {
      dataframe_records: Array(6).fill(rows[0]),
    });
    expect(big.status).toBe(413);
    expect(
      (await call('POST', 'v1/models/toy/invocations', { dataframe_records: [] })).status,
    ).toBe(422);
    const huge = await call(
      'POST',
      'v1/models/toy/predict',
      JSON.stringify({ a: 'x'.repeat(9 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);

    await control.undeploy('toy');
    const off = await call('POST', 'v1/models/toy/predict', rows[0]);
    expect(off.status).toBe(503);
    expect((await call('GET', 'v1/models/toy/health')).status).toBe(503);
  });

  it('reports health and lists endpoints', async () => {
    const { call } = await deployed();
    expect((await call('GET', 'v1/health')).body).toMatchObject({
      status: 'ok',
      endpoints: 1,
      deployed: 1,
    });
    expect((await call('GET', 'v1/models')).body).toEqual([
      { name: 'toy', model: 'toy', strategy: 'single', deployment: 'v1', versions: [1] },
    ]);
    expect((await call('GET', 'v1/models/toy/health')).body).toMatchObject({
      status: 'ok',
      versions: [{ version: 1, loaded: true }],
    });
  });

  it('generates an OpenAPI 3.1 document from the deployed version’s signature', async () => {
    const { call } = await deployed();
    const doc = (await call('GET', 'v1/openapi.json')).body as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { example: unknown }> } }>
      >;
      components: {
        schemas: Record<
          string,
          { required?: string[]; properties?: Record<string, { type: string }> }
        >;
      };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/models/toy/predict',
        '/v1/models/toy/invocations',
        '/v1/models/toy/jobs',
        '/v1/jobs/{job_id}',
      ]),
    );
    const input = doc.components.schemas.ToyInput!;
    expect(input.required).toEqual(['a', 'b', 'c']);
    expect(input.properties!.a!.type).toBe('number');
    expect(
      doc.paths['/v1/models/toy/predict']!.post!.requestBody!.content['application/json']!.example,
    ).toEqual(rows[0]);
    expect(doc.components.schemas.HTTPValidationError).toBeDefined();
    expect((await call('GET', 'v1/models/toy/openapi.json')).status).toBe(200);
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/diabetes/'))).toBe(false);
  });

  it('queues asynchronous jobs, reports their place, and delivers results by poll and by callback inbox', async () => {
    const { call } = await deployed();
    const first = await call('POST', 'v1/models/toy/jobs', { dataframe_records: rows.slice(0, 3) });
    const second = await call('POST', 'v1/models/toy/jobs', {
      dataframe_records: rows.slice(3, 5),
      callback_url: 'v1/webhooks/inbox-1',
    });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'queued', position: 1 });
    expect(second.body).toMatchObject({ position: 2 });
    const id = (second.body as { job_id: string }).job_id;
    await expect
      .poll(async () => ((await call('GET', `v1/jobs/${id}`)).body as { status: string }).status)
      .toBe('done');
    const job = (await call('GET', `v1/jobs/${id}`)).body as { result: { predictions: number[] } };
    expect(job.result.predictions[0]).toBeCloseTo(truth(rows[3]!), 9);
    const inbox = (await call('GET', 'v1/webhooks/inbox-1')).body as { job_id: string }[];
    expect(inbox.map((j) => j.job_id)).toEqual([id]);
    const bad = await call('POST', 'v1/models/toy/jobs', { dataframe_records: [{ a: 1 }] });
    expect(bad.status).toBe(422);
    const badCallback = await call('POST', 'v1/models/toy/jobs', {
      dataframe_records: rows.slice(0, 1),
      callback_url: 'https://example.com/hook',
    });
    expect(badCallback.status).toBe(422);
    expect((await call('GET', 'v1/jobs/nope')).status).toBe(404);
  });

  it('takes delayed labels for logged requests', async () => {
    const { call, port } = await deployed();
    const res = await call('POST', 'v1/models/toy/predict', rows[1]);
    const id = (res.body as { request_id: string }).request_id;
    const labelled = await call('POST', 'v1/models/toy/labels', [
      { request_id: id, label: 7 },
      { request_id: 'zzz', label: 1 },
    ]);
    expect(labelled.body).toEqual({ labelled: 1, unknown: ['zzz'] });
    expect((await port.request(id))!.label).toBe(7);
    expect(
      (await call('POST', 'v1/models/toy/labels', [{ request_id: id, label: 'x' }])).status,
    ).toBe(422);
  });

  it('serves the course’s diabetes API: POST /predict → {result}, GET /patients/randomtest → {x, y}', async () => {
    const { call, control, tracker, registry, catalog } = await servingFixture();
    const { table } = await catalog.load('diabetes');
    const { fitModel } = await import('../../../src/lib/train/model');
    const { matrix } = await import('../../../src/lib/train/matrix');
    const numeric = table.columns.filter(
      (c): c is NumericColumn => c.type === 'float' || c.type === 'integer',
    );
    const features = numeric.filter((c) => c.name !== 'target');
    const n = table.rowCount;
    const X = matrix(
      n,
      features.length,
      Float64Array.from(
        { length: n * features.length },
        (_, k) => features[k % features.length]!.values[Math.floor(k / features.length)]!,
      ),
    );
    const y = numeric.find((c) => c.name === 'target')!.values;
    const run = await tracker.startRun({ name: 'ols' });
    await tracker.logArtifact(
      'model/model.json',
      fitModel('linear', X, y, {
        features: features.map((c) => c.name),
        target: 'target',
      }) as object,
    );
    await tracker.endRun();
    const example = Object.fromEntries(features.map((c) => [c.name, c.values[0]!]));
    await registry.registerModel(run.id, 'diabetes-progression', { inputExample: [example] });
    await control.deploy('diabetes', {
      model: 'diabetes-progression',
      strategy: 'single',
      version: 1,
    });

    const patient = (await call('GET', 'diabetes/patients/randomtest')).body as {
      x: Record<string, number>;
      y: number;
    };
    expect(Object.keys(patient.x)).toEqual(features.map((c) => c.name));
    expect(typeof patient.y).toBe('number');
    const res = await call('POST', 'diabetes/predict', patient.x);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as object)).toEqual(['result']);
    expect((res.body as { result: number }).result).toBeGreaterThan(25);
    expect((await call('POST', 'diabetes/predict', { ...patient.x, bmi: 'fat' })).status).toBe(422);
    const overflow = await call(
      'POST',
      'diabetes/predict',
      Object.fromEntries(Object.keys(patient.x).map((k) => [k, Number.MAX_VALUE])),
    );
    expect(overflow.status).toBe(422);
    expect((overflow.body as Detail).detail[0]!.type).toBe('non_finite_prediction');

    // The course's routes are in the endpoint's OpenAPI document, and their examples work as sent.
    type Op = {
      operationId: string;
      requestBody?: { content: { 'application/json': { example: unknown } } };
      responses: Record<string, { content?: { 'application/json': { schema: unknown } } }>;
    };
    const doc = (await call('GET', 'v1/models/diabetes/openapi.json')).body as {
      paths: Record<string, Record<string, Op>>;
    };
    const predict = doc.paths['/diabetes/predict']!.post!;
    const random = doc.paths['/diabetes/patients/randomtest']!.get!;
    expect([predict.operationId, random.operationId]).toEqual([
      'course_predict',
      'course_random_patient',
    ]);
    const sent = predict.requestBody!.content['application/json'].example;
    expect(sent).toEqual(example);
    const tried = await call('POST', 'diabetes/predict', sent);
    expect(tried.status).toBe(200);
    const schema = predict.responses['200']!.content!['application/json'].schema as {
      required: string[];
    };
    expect(Object.keys(tried.body as object)).toEqual(schema.required);
    const patientSchema = random.responses['200']!.content!['application/json'].schema as {
      required: string[];
      properties: { x: { $ref: string } };
    };
    expect(patientSchema.required).toEqual(Object.keys(patient));
    expect(patientSchema.properties.x.$ref).toBe('#/components/schemas/DiabetesInput');
    // The general document has them too; an endpoint not named like the course's has none.
    const all = (await call('GET', 'v1/openapi.json')).body as { paths: object };
    expect(Object.keys(all.paths)).toContain('/diabetes/patients/randomtest');
  });
});
