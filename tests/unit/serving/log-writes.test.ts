import { describe, expect, it } from 'vitest';
import { describeLogFailures, LogFailures, type RequestRecord } from '../../../src/lib/serving';
import { rows, servingFixture } from './fixture';

async function deployed() {
  const f = await servingFixture();
  await f.control.deploy('toy', { model: 'toy', strategy: 'single', version: 1 });
  return f;
}

describe('the request log survives a failed write', () => {
  it('a write the store refuses fails no later request, and is counted with its reason', async () => {
    const { call, router, port } = await deployed();
    const append = port.appendRequests.bind(port);
    let failing = true;
    port.appendRequests = async (records: RequestRecord[]) => {
      if (failing) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return append(records);
    };
    const lost = await call('POST', 'v1/models/toy/predict', rows[0]);
    expect(lost.status).toBe(200);
    // The host awaits this before answering: it must resolve, not reject, when the write fails.
    await expect(router.store()).resolves.toBeUndefined();
    failing = false;
    const next = await call('POST', 'v1/models/toy/predict', rows[1]);
    expect(next.status).toBe(200);
    await router.store();
    expect((await port.requests('toy')).map((r) => r.id)).toEqual([next.headers['x-request-id']]);
    expect(router.logFailures.state).toMatchObject({
      count: 1,
      reason: 'QuotaExceededError: The quota has been exceeded.',
    });
    expect(describeLogFailures(router.logFailures.state)).toBe(
      '1 request could not be logged: QuotaExceededError: The quota has been exceeded.',
    );
    const health = await call('GET', 'v1/health');
    expect((health.body as { log_failures: { count: number } }).log_failures.count).toBe(1);
  });

  it('one record the store cannot take costs no other record of its batch', async () => {
    const { call, router, port } = await deployed();
    const append = port.appendRequests.bind(port);
    port.appendRequests = async (records: RequestRecord[]) => {
      if (records.some((r) => r.status === 422))
        throw new DOMException('could not be cloned.', 'DataCloneError');
      return append(records);
    };
    const answers = [
      await call('POST', 'v1/models/toy/predict', rows[0]),
      await call('POST', 'v1/models/toy/predict', { a: 'x' }),
      await call('POST', 'v1/models/toy/predict', rows[1]),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 422, 200]);
    await router.flush();
    expect((await port.requests('toy')).map((r) => r.status)).toEqual([200, 200]);
    expect(router.logFailures.state.count).toBe(1);
  });

  it('a 200,000-deep body is refused before parsing; the next request is answered and logged', async () => {
    const { call, router, port } = await deployed();
    const deep = await call(
      'POST',
      'v1/models/toy/predict',
      '['.repeat(200_000) + ']'.repeat(200_000),
    );
    expect(deep.status).toBe(422);
    expect((deep.body as { detail: { type: string }[] }).detail[0]!.type).toBe('json_too_deep');
    const ok = await call('POST', 'v1/models/toy/predict', rows[0]);
    expect(ok.status).toBe(200);
    await router.store();
    expect((await port.requests('toy')).map((r) => r.status)).toEqual([422, 200]);
    expect(router.logFailures.state.count).toBe(0);
  });
});

describe('LogFailures', () => {
  it("adds other hosts' failures and keeps the latest reason", () => {
    const failures = new LogFailures();
    failures.record(['r1', 'r2'], new Error('disk full'), 10);
    failures.merge('sw', { count: 3, reason: 'DataCloneError: x', at: 20 });
    failures.merge('sw', { count: 4, reason: 'DataCloneError: y', at: 30 });
    expect(failures.state).toEqual({ count: 6, reason: 'DataCloneError: y', at: 30 });
    expect(failures.own.count).toBe(2);
    expect([failures.lost('r1'), failures.lost('r3')]).toEqual([true, false]);
  });
});
