import { describe, expect, it } from 'vitest';
import { monitoredEntries, servedModel } from '../../../src/lib/monitoring';
import { memoryServingPort } from '../../../src/lib/serving/memory-port';
import type { Endpoint, RequestRecord } from '../../../src/lib/serving/endpoint';

const endpoint = (name: string, deployment: Endpoint['deployment']): Endpoint => ({
  name,
  model: 'taxi-duration',
  deployment,
  faults: {},
  maxBatchRows: 100,
  createdAt: 1,
  updatedAt: 1,
});

/** Only the fields servedModel reads; the rest of a record does not matter here. */
const logged = (name: string, at: number, scored: { model: string; version: number } | null) =>
  ({
    id: `r${at}`,
    endpoint: name,
    at,
    model: scored?.model ?? null,
    version: scored?.version ?? null,
  }) as RequestRecord;

async function port() {
  const p = memoryServingPort();
  await p.putEndpoint(endpoint('taxi-trips', { strategy: 'single', version: 3 }));
  await p.putEndpoint(endpoint('idle', { strategy: 'none' }));
  await p.appendRequests([
    logged('student/taxi-api', 1, { model: 'taxi-duration', version: 2 }),
    logged('student/taxi-api', 2, { model: 'taxi-duration', version: 4 }),
    // A health check or a 422: nothing scored, so it does not change what is served.
    logged('student/taxi-api', 3, null),
    logged('student/fresh', 5, null),
  ]);
  return p;
}

describe('one identifier scheme for endpoints and student APIs', () => {
  it('an endpoint serves its deployment; a student API the model of its newest scored request', async () => {
    const p = await port();
    expect(await servedModel(p, 'taxi-trips')).toEqual({
      ok: true,
      served: {
        kind: 'endpoint',
        name: 'taxi-trips',
        model: 'taxi-duration',
        version: 3,
        deployment: 'v3',
      },
    });
    const student = await servedModel(p, 'student/taxi-api');
    expect(student).toMatchObject({
      ok: true,
      served: { kind: 'student-api', model: 'taxi-duration', version: 4 },
    });
  });

  it('says why a name serves nothing, with a code and what to do', async () => {
    const p = await port();
    const unknown = await servedModel(p, 'nope');
    expect(unknown).toMatchObject({ ok: false, code: 'unknown-endpoint' });
    expect(!unknown.ok && unknown.message).toContain('there are: taxi-trips, idle');
    expect(!unknown.ok && unknown.message).toContain('student/<project>');
    expect(await servedModel(p, 'idle')).toMatchObject({ ok: false, code: 'not-deployed' });
    const fresh = await servedModel(p, 'student/fresh');
    expect(fresh).toMatchObject({ ok: false, code: 'not-deployed' });
    expect(!fresh.ok && fresh.message).toContain('api/student/fresh/');
    for (const bad of ['student/', 'student/../x', 'student/a/b'])
      expect(await servedModel(p, bad)).toMatchObject({ ok: false, code: 'unknown-endpoint' });
  });

  it("a scored request older than the newest 500 still names the API's model", async () => {
    const p = await port();
    await p.appendRequests(
      Array.from({ length: 600 }, (_, i) =>
        logged('student/old', 10 + i, i === 0 ? { model: 'm', version: 1 } : null),
      ),
    );
    expect(await servedModel(p, 'student/old')).toMatchObject({
      ok: true,
      served: { model: 'm', version: 1 },
    });
  });

  it('the Monitoring page lists endpoints and the APIs of projects with an api.js', async () => {
    const p = await port();
    const entries = await monitoredEntries(p, ['taxi-api', 'fresh', 'bad/name']);
    expect(entries.map((e) => [e.name, e.kind, e.model, e.deployed, e.lastRequestAt])).toEqual([
      ['taxi-trips', 'endpoint', 'taxi-duration', true, null],
      ['idle', 'endpoint', 'taxi-duration', false, null],
      ['student/taxi-api', 'student-api', 'taxi-duration', true, 3],
      ['student/fresh', 'student-api', null, false, 5],
    ]);
    expect(entries[2]!.deployment).toBe('v4, loaded by the api.js of project taxi-api');
  });
});
