import type { WorkboxPlugin } from 'workbox-core/types';
import { fingerprint, parseFingerprint, sameFingerprint, type Fingerprint } from './integrity';

/**
 * A damaged offline copy (a precached file truncated, overwritten or emptied by a crashed disk
 * write, a storage bug or a meddling extension) used to give a blank page on every reload, since
 * Workbox serves what its cache holds. Each precached file's size and SHA-256 are recorded when it
 * is stored (the install), and checked each time it is served: a damaged copy is fetched again
 * from the site when online and stored again only if it matches; offline it is never served, and
 * the page is answered by the recovery page instead (src/sw.ts). Only the service worker's own
 * caches are touched, never the student's IndexedDB.
 */
export const INTEGRITY_CACHE = 'labbook-precache-integrity';

const REVISION_PARAM = '__WB_REVISION__';

async function records(): Promise<Cache> {
  return caches.open(INTEGRITY_CACHE);
}

async function fingerprintOf(response: Response): Promise<Fingerprint> {
  return fingerprint(await response.clone().arrayBuffer());
}

async function record(key: string, response: Response): Promise<void> {
  const body = JSON.stringify(await fingerprintOf(response));
  await (
    await records()
  ).put(key, new Response(body, { headers: { 'content-type': 'text/plain' } }));
}

async function expected(key: string): Promise<Fingerprint | undefined> {
  const stored = await (await records()).match(key);
  return stored ? parseFingerprint(await stored.text()) : undefined;
}

type Verdict = 'intact' | 'damaged' | 'unrecorded';

async function judge(key: string, response: Response): Promise<Verdict> {
  const want = await expected(key);
  if (!want) return 'unrecorded';
  return sameFingerprint(want, await fingerprintOf(response)) ? 'intact' : 'damaged';
}

/** Intact, or not recorded (a copy stored before fingerprints existed cannot be judged). */
async function intact(key: string, response: Response): Promise<boolean> {
  return (await judge(key, response)) !== 'damaged';
}

/** The site's current copy of a precache key, or undefined when the network cannot give one. */
async function refetch(key: string): Promise<Response | undefined> {
  const url = new URL(key);
  url.searchParams.delete(REVISION_PARAM);
  try {
    const response = await fetch(url.href, { cache: 'reload', credentials: 'same-origin' });
    return response.ok ? response : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A fresh copy of a damaged entry: stored back only if it is the recorded file (a site that was
 * redeployed meanwhile serves other bytes, which this version's precache must not hold).
 */
async function repair(cacheName: string, key: Request): Promise<Response | undefined> {
  const fresh = await refetch(key.url);
  if (fresh && (await intact(key.url, fresh))) {
    await (await caches.open(cacheName)).put(key, fresh.clone());
  }
  return fresh;
}

/**
 * The Workbox plugin for the precache: records at install, checks (and repairs) as it serves.
 * `unrepaired` hears of a damaged file the network could not replace, so open pages can say so.
 */
export function precacheGuard(unrepaired: (url: string) => void): WorkboxPlugin {
  return {
    cacheDidUpdate: async ({ request, newResponse }) => {
      await record(request.url, newResponse);
    },
    cachedResponseWillBeUsed: async ({ cacheName, request, cachedResponse, event }) => {
      if (!cachedResponse) return cachedResponse;
      const verdict = await judge(request.url, cachedResponse);
      // During an install Workbox fetches and stores (and so records) an entry the cache does not
      // give it: a damaged one, and one kept from a version that recorded nothing.
      if (event?.type === 'install') return verdict === 'intact' ? cachedResponse : null;
      if (verdict !== 'damaged') return cachedResponse;
      const fresh = await repair(cacheName, request);
      // Offline: nothing is served for it, and the route's catch handler answers instead.
      if (!fresh) unrepaired(request.url);
      return fresh ?? null;
    },
  };
}

export interface RepairReport {
  checked: number;
  damaged: number;
  /** Damaged entries that could not be fetched again (offline, or the site changed). */
  unrepaired: string[];
}

/** Checks every recorded entry of the precache and repairs the damaged ones from the network. */
export async function repairPrecache(cacheName: string): Promise<RepairReport> {
  const cache = await caches.open(cacheName);
  const report: RepairReport = { checked: 0, damaged: 0, unrepaired: [] };
  for (const key of await cache.keys()) {
    const cached = await cache.match(key);
    report.checked++;
    if (cached && (await intact(key.url, cached))) continue;
    report.damaged++;
    const fresh = await repair(cacheName, key);
    if (!fresh || !(await intact(key.url, fresh))) report.unrepaired.push(key.url);
  }
  return report;
}
