import { describe, expect, it } from 'vitest';
import { refuseNavigation } from '../../../src/lib/serving/cross-site';
import { answerFetch, type ServingHost } from '../../../src/workers/serving-host';
import { rows, servingFixture } from './fixture';

const API = new URL('http://labbook.test/site/api/');
const post = (body: string) =>
  new Request(new URL('v1/models/toy/predict', API), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

describe("the service worker's answer", () => {
  it('is a 500 with the reason, never a throw, when the host cannot open or a handler throws', async () => {
    const down = await answerFetch(
      post('{}'),
      API,
      () => Promise.reject(new Error('no IndexedDB')),
      'sw',
    );
    expect(down.response.status).toBe(500);
    expect(await down.response.json()).toEqual({
      detail: 'Internal error: the Labbook could not answer (Error: no IndexedDB).',
    });
    const f = await servingFixture();
    await f.control.deploy('toy', { model: 'toy', strategy: 'single', version: 1 });
    f.router.handle = () => Promise.reject(new RangeError('Maximum call stack size exceeded'));
    const host = async () => ({ router: f.router }) as ServingHost;
    const thrown = await answerFetch(post(JSON.stringify(rows[0])), API, host, 'sw');
    expect(thrown.response.status).toBe(500);
    expect(await thrown.response.text()).toMatch(/RangeError: Maximum call stack/);
  });

  it('answers, stores the record first, and carries no CORS header', async () => {
    const f = await servingFixture();
    await f.control.deploy('toy', { model: 'toy', strategy: 'single', version: 1 });
    const host = async () => ({ router: f.router }) as ServingHost;
    const { response } = await answerFetch(post(JSON.stringify(rows[0])), API, host, 'sw');
    expect(response.status).toBe(200);
    expect([...response.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect((await f.port.requests('toy')).map((r) => r.id)).toEqual([
      response.headers.get('x-request-id'),
    ]);
  });

  it('tells the client when its record could not be stored', async () => {
    const f = await servingFixture();
    await f.control.deploy('toy', { model: 'toy', strategy: 'single', version: 1 });
    f.port.appendRequests = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    const host = async () => ({ router: f.router }) as ServingHost;
    const { response } = await answerFetch(post(JSON.stringify(rows[0])), API, host, 'sw');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-logged')).toBe('false');
  });

  it('refuses a navigation that posts (a form on another site), and nothing else', () => {
    expect(refuseNavigation({ mode: 'navigate', method: 'POST' })?.status).toBe(403);
    expect(refuseNavigation({ mode: 'navigate', method: 'GET' })).toBeNull();
    expect(refuseNavigation({ mode: 'cors', method: 'POST' })).toBeNull();
    expect(refuseNavigation({ mode: 'same-origin', method: 'POST' })).toBeNull();
  });
});
