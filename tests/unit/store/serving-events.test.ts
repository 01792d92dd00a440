import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, openStore } from '../../../src/lib/store';
import { dexieServingPort } from '../../../src/lib/store/serving-port';
import type { DeploymentEvent, RequestRecord } from '../../../src/lib/serving';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

const event = (id: string, at: number, execution?: string): DeploymentEvent => ({
  id,
  endpoint: 'toy',
  at,
  kind: 'deploy',
  from: { strategy: 'none' },
  to: { strategy: 'single', version: 1 },
  reason: '',
  ...(execution ? { source: { lessonId: 'l', cellId: 'c', execution } } : {}),
});

describe('the deployment timeline in IndexedDB', () => {
  it('keeps the cell run behind an event, and removes exactly the events named', async () => {
    const port = dexieServingPort(await openStore());
    for (const e of [event('a', 1, 'x-1'), event('b', 2), event('c', 3, 'x-1')])
      await port.appendEvent(e);
    expect((await port.events('toy')).map((e) => e.source?.execution ?? null)).toEqual([
      'x-1',
      null,
      'x-1',
    ]);
    await port.removeEvents(['a', 'c', 'missing']);
    expect((await port.events('toy')).map((e) => e.id)).toEqual(['b']);
  });

  it('keeps the cell run behind a logged request, and removes only earlier runs of that cell', async () => {
    const port = dexieServingPort(await openStore());
    const request = (id: string, endpoint: string, execution?: string) =>
      ({
        id,
        endpoint,
        at: 1,
        ...(execution ? { source: { lessonId: 'l', cellId: 'c', execution } } : {}),
      }) as unknown as RequestRecord;
    await port.appendRequests([
      request('a', 'toy', 'x-1'),
      request('b', 'toy'),
      request('c', 'other', 'x-1'),
      request('d', 'toy', 'x-2'),
    ]);
    expect((await port.removeCellRequests('l', 'c', 'x-2')).sort()).toEqual(['other', 'toy']);
    expect((await port.requests('toy')).map((r) => r.id)).toEqual(['b', 'd']);
    expect(await port.requests('other')).toEqual([]);
    expect((await port.request('d'))?.source?.execution).toBe('x-2');
  });
});
