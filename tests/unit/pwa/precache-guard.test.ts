import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkboxPlugin } from 'workbox-core/types';
import {
  INTEGRITY_CACHE,
  precacheGuard,
  repairPrecache,
} from '../../../src/lib/pwa/precache-guard';

/** The Cache API as far as the guard uses it, in memory. */
class MemoryCache {
  readonly entries = new Map<string, Response>();
  async match(key: RequestInfo) {
    return this.entries.get(typeof key === 'string' ? key : key.url)?.clone();
  }
  async put(key: RequestInfo, response: Response) {
    this.entries.set(typeof key === 'string' ? key : key.url, response.clone());
  }
  async keys() {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

const PRECACHE = 'workbox-precache-v2-test';
const KEY = 'https://site.test/labbook/index.html?__WB_REVISION__=abc';
const ORIGINAL = '<!doctype html><div id="app"></div>';
let stores: Map<string, MemoryCache>;
let network: (url: string) => Promise<Response>;
const fetched: string[] = [];

beforeEach(() => {
  stores = new Map();
  fetched.length = 0;
  network = async () => new Response(ORIGINAL);
  vi.stubGlobal('caches', {
    open: async (name: string) => stores.get(name) ?? stores.set(name, new MemoryCache()).get(name),
  });
  vi.stubGlobal('fetch', async (url: string) => {
    fetched.push(url);
    return network(url);
  });
});
afterEach(() => vi.unstubAllGlobals());

type GuardEvent = Parameters<NonNullable<WorkboxPlugin['cacheDidUpdate']>>[0]['event'];
const fetchEvent = { type: 'fetch' } as GuardEvent;
const installEvent = { type: 'install' } as GuardEvent;

async function installed(unrepaired = (_url: string) => {}) {
  const guard = precacheGuard(unrepaired);
  const request = new Request(KEY);
  await (await caches.open(PRECACHE)).put(request, new Response(ORIGINAL));
  await guard.cacheDidUpdate!({
    cacheName: PRECACHE,
    request,
    newResponse: new Response(ORIGINAL),
    event: installEvent,
  });
  const serve = async (cached: string, event = fetchEvent) =>
    guard.cachedResponseWillBeUsed!({
      cacheName: PRECACHE,
      request,
      cachedResponse: new Response(cached),
      event,
      matchOptions: {},
    });
  return { serve };
}

const cachedText = async () => (await (await caches.open(PRECACHE)).match(KEY))!.text();

describe('the precache guard', () => {
  it('serves an intact file as stored, without the network', async () => {
    const { serve } = await installed();
    expect(await (await serve(ORIGINAL))!.text()).toBe(ORIGINAL);
    expect(fetched).toEqual([]);
    expect(stores.get(INTEGRITY_CACHE)?.entries.has(KEY)).toBe(true);
  });

  it('fetches a damaged file again (without the revision parameter) and stores it back', async () => {
    const { serve } = await installed();
    await (await caches.open(PRECACHE)).put(KEY, new Response(''));
    expect(await (await serve(''))!.text()).toBe(ORIGINAL);
    expect(fetched).toEqual(['https://site.test/labbook/index.html']);
    expect(await cachedText()).toBe(ORIGINAL);
  });

  it('serves nothing for a damaged file offline, and says which', async () => {
    const unrepaired = vi.fn();
    const { serve } = await installed(unrepaired);
    network = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await serve('}{ garbage')).toBeNull();
    expect(unrepaired).toHaveBeenCalledWith(KEY);
  });

  it('never stores bytes other than the recorded ones (a redeployed site), though it serves them', async () => {
    const { serve } = await installed();
    await (await caches.open(PRECACHE)).put(KEY, new Response('damaged'));
    network = async () => new Response('<!doctype html><p>version 2</p>');
    expect(await (await serve('damaged'))!.text()).toBe('<!doctype html><p>version 2</p>');
    expect(await cachedText()).toBe('damaged');
  });

  it('has the install fetch a damaged or unrecorded file again, and keeps an intact one', async () => {
    const { serve } = await installed();
    expect(await serve('damaged', installEvent)).toBeNull();
    expect(await serve(ORIGINAL, installEvent)).not.toBeNull();
    stores.get(INTEGRITY_CACHE)!.entries.clear();
    expect(await serve(ORIGINAL, installEvent)).toBeNull();
    expect(fetched).toEqual([]);
  });

  it('checks the whole precache on request and reports what it could not repair', async () => {
    await installed();
    await (await caches.open(PRECACHE)).put(KEY, new Response('damaged'));
    network = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await repairPrecache(PRECACHE)).toEqual({ checked: 1, damaged: 1, unrepaired: [KEY] });
    network = async () => new Response(ORIGINAL);
    expect(await repairPrecache(PRECACHE)).toEqual({ checked: 1, damaged: 1, unrepaired: [] });
    expect(await repairPrecache(PRECACHE)).toEqual({ checked: 1, damaged: 0, unrepaired: [] });
  });
});
