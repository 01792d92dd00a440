import { describe, expect, it } from 'vitest';
import { API_LOG } from '../../../src/lib/serving/endpoint';
import { filterRequests, requestsCsv, requestsJsonl } from '../../../src/lib/serving/request-log';
import { statsOf, variantStats } from '../../../src/lib/serving/stats';
import { rows, servingFixture } from './fixture';

async function deployed() {
  const f = await servingFixture();
  await f.control.deploy('toy', { model: 'toy', strategy: 'single', version: 1 });
  return f;
}

/** Waits until the job is no longer queued or running. */
async function finished(call: Awaited<ReturnType<typeof deployed>>['call'], id: string) {
  await expect
    .poll(async () => ((await call('GET', `v1/jobs/${id}`)).body as { status: string }).status)
    .toMatch(/done|failed/);
}

describe('the request log: every answer, as it was answered', () => {
  it('logs an async job as the 202 the API answered, and the CSV and JSONL exports say so', async () => {
    const { call, router, port } = await deployed();
    const res = await call('POST', 'v1/models/toy/jobs', { dataframe_records: rows.slice(0, 2) });
    expect(res.status).toBe(202);
    const id = (res.body as { job_id: string }).job_id;
    await finished(call, id);
    await router.flush();
    const record = (await port.requests('toy')).find((r) => r.id === id)!;
    expect(record).toMatchObject({ status: 202, pattern: 'async', rows: 2, error: null });
    expect(record.predictions).toHaveLength(2);
    const csv = requestsCsv([record]).split('\n')[1]!.split(',');
    expect(csv[0]).toBe(id);
    expect(csv[6]).toBe('202');
    expect(JSON.parse(requestsJsonl([record])).status).toBe(202);
  });

  it('logs a job whose model failed as 202 with its error, counted as a failure', async () => {
    const { call, control, router, port } = await deployed();
    await control.setFault('toy', 1, { errorRate: 1 });
    const res = await call('POST', 'v1/models/toy/jobs', { dataframe_records: rows.slice(0, 1) });
    const id = (res.body as { job_id: string }).job_id;
    await finished(call, id);
    await router.flush();
    const record = (await port.requests('toy')).find((r) => r.id === id)!;
    expect(record.status).toBe(202);
    expect(record.error).toMatch(/fault/);
    expect(statsOf([record])!.errors).toBe(1);
    expect(filterRequests([record], { status: 'server' })).toHaveLength(1);
    expect(filterRequests([record], { status: 'ok' })).toHaveLength(0);
  });

  it('logs label posts under their endpoint, accepted and refused, with the rows they carried', async () => {
    const { call, router, port } = await deployed();
    const scored = await call('POST', 'v1/models/toy/predict', rows[0]);
    const requestId = (scored.body as { request_id: string }).request_id;
    const ok = await call('POST', 'v1/models/toy/labels', [
      { request_id: requestId, label: 1 },
      { request_id: 'nope', label: 2 },
    ]);
    const bad = await call('POST', 'v1/models/toy/labels', [{ request_id: 1, label: 'x' }]);
    await router.flush();
    const labels = (await port.requests('toy')).filter((r) => r.pattern === 'labels');
    expect(labels.map((r) => [r.status, r.rows, r.method, r.path])).toEqual([
      [200, 2, 'POST', 'v1/models/toy/labels'],
      [422, 0, 'POST', 'v1/models/toy/labels'],
    ]);
    expect(labels.map((r) => r.id)).toEqual([
      ok.headers['x-request-id'],
      bad.headers['x-request-id'],
    ]);
    expect(labels[1]!.detail!.map((d) => d.loc)).toEqual([
      ['body', 0, 'request_id'],
      ['body', 0, 'label'],
    ]);
  });

  it('logs GET requests, unknown routes and other methods; none of them counts as scoring', async () => {
    const { call, router, port } = await deployed();
    await call('POST', 'v1/models/toy/predict', rows[0]);
    const gets = ['v1/models/toy/health', 'v1/models/toy', 'v1/models/toy/openapi.json'];
    for (const path of gets) expect((await call('GET', path)).status).toBe(200);
    expect((await call('GET', 'v1/health')).status).toBe(200);
    expect((await call('GET', 'v1/jobs/nope')).status).toBe(404);
    expect((await call('GET', 'v1/models/tyo/health')).status).toBe(404);
    expect((await call('GET', 'v1/nothing')).status).toBe(404);
    expect((await call('DELETE', 'v1/health')).status).toBe(405);
    await router.flush();
    const toy = await port.requests('toy');
    expect(toy.filter((r) => r.pattern === 'api').map((r) => [r.method, r.path, r.status])).toEqual(
      gets.map((p) => ['GET', p, 200]),
    );
    const api = await port.requests(API_LOG);
    expect(api.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', 'v1/health', 200],
      ['GET', 'v1/jobs/nope', 404],
      ['GET', 'v1/models/tyo/health', 404],
      ['GET', 'v1/nothing', 404],
      ['DELETE', 'v1/health', 405],
    ]);
    expect(api[1]!.error).toMatch(/No job "nope"/);
    // An unknown endpoint name starts no log of its own.
    expect(await port.requests('tyo')).toEqual([]);
    // Statistics and the canary guard read scoring only: one request, not four.
    expect(variantStats(toy).map((s) => s.requests)).toEqual([1]);
    expect(requestsCsv(toy).trim().split('\n')).toHaveLength(1 + 1 + gets.length);
  });
});
