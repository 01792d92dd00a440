/// <reference lib="webworker" />
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  matchPrecache,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing';
import { cacheNames, clientsClaim } from 'workbox-core';
import { CacheFirst } from 'workbox-strategies';
import { API_POLICY, securityHeaders, serializePolicy } from './lib/pwa/csp';
import { withIsolationHeaders } from './lib/pwa/isolation';
import { isCoursePackRequest, networkFirstCourse } from './lib/pwa/course-cache';
import { precacheGuard, repairPrecache, type RepairReport } from './lib/pwa/precache-guard';
import { LAZY_CACHE, pruneLazyCache, splitManifest } from './lib/pwa/lazy-assets';
import { refuseNavigation } from './lib/serving/cross-site';
import { toResponse } from './lib/serving/http';
import { answerFetch, openServingHost, type ServingHost } from './workers/serving-host';
import { forwardToPages } from './workers/student-forward';

const SERVED_BY_SW = 'labbook-service-worker';

declare const self: ServiceWorkerGlobalScope;

// The prediction API lives here: `<site>/api/…` is answered in this worker, from the workspace
// database, so a plain fetch (from a cell, the page or the browser's own tools) reaches it.
// Registered first: the precache routes below must never see these requests.
const siteUrl = self.registration.scope;
const apiRoot = new URL('api/', siteUrl);
let host: Promise<ServingHost> | undefined;
/** The host, opened once; a failed opening is tried again by the next request, not kept. */
function openHost(): Promise<ServingHost> {
  if (!host) {
    host = openServingHost(
      siteUrl,
      async (url) => (await matchPrecache(url.href)) ?? fetch(url),
      // Students' APIs (api/student/<project>/…) run in a worker of an open page, never here.
      forwardToPages(() => self.clients.matchAll({ type: 'window' })),
    );
    host.catch(() => (host = undefined));
  }
  return host;
}
self.addEventListener('fetch', (event) => {
  if (!event.request.url.startsWith(apiRoot.href)) return;
  // API answers are data, never a page: the strictest policy, and never sniffed as HTML.
  const apiHeaders = {
    'Content-Security-Policy': serializePolicy(API_POLICY),
    'X-Content-Type-Options': 'nosniff',
  };
  const refused = refuseNavigation(event.request);
  if (refused) {
    event.respondWith(withIsolationHeaders(toResponse(refused, SERVED_BY_SW), apiHeaders));
    return;
  }
  const answered = answerFetch(event.request, apiRoot, openHost, SERVED_BY_SW);
  event.respondWith(answered.then(({ response }) => withIsolationHeaders(response, apiHeaders)));
  // A shadow's copy is logged after the answer; the worker stays alive until it is stored.
  event.waitUntil(answered.then(({ router }) => router?.settled()).catch(() => {}));
});

// Every page and worker script served from here is cross-origin isolated (COOP + COEP), so TF.js's
// wasm can train with threads on any static host. A dedicated worker takes its policy from its
// script's response, so the scripts need the headers as much as the page. The precache strategy
// also answers the navigation route below, so this one plugin covers all of it; the cached copies
// stay as fetched, and the headers are added as each response leaves. The Content-Security-Policy
// goes out the same way: worker scripts get the worker policy (src/lib/pwa/csp.ts says why).
const withSiteHeaders = (response: Response, request: Request) =>
  withIsolationHeaders(response, securityHeaders(request.destination, request.url));
const sitePlugins = [
  {
    handlerWillRespond: async ({ request, response }: { request: Request; response: Response }) =>
      withSiteHeaders(response, request),
  },
  // Every cached file is fingerprinted as it is stored and checked as it is served; open pages
  // hear of a damaged one that could not be fetched again (src/state/app-update.svelte.ts).
  precacheGuard((url) => {
    void self.clients.matchAll({ type: 'window' }).then((pages) => {
      for (const page of pages) page.postMessage({ type: 'OFFLINE_COPY_DAMAGED', url });
    });
  }),
];
addPlugins(sitePlugins);

// Everything the site needs (app, lessons, datasets, workers, wasm) is in the precache manifest,
// so after one visit the Labbook loads and runs with the network gone. DuckDB's files are left
// out of the install (src/lib/pwa/lazy-assets.ts): cached the first time a lesson loads DuckDB,
// and from then on served from that cache, offline too, guarded like the precache.
const { eager, lazy } = splitManifest(self.__WB_MANIFEST, siteUrl);
precacheAndRoute(eager);
registerRoute(
  ({ url, request }) => request.method === 'GET' && lazy.has(`${url.origin}${url.pathname}`),
  new CacheFirst({ cacheName: LAZY_CACHE, plugins: sitePlugins }),
);
// An update keeps the files it still ships (same content hash) and drops the others.
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.open(LAZY_CACHE).then((cache) => pruneLazyCache(cache, lazy)));
});
cleanupOutdatedCaches();
// The first install controls the open page at once, so a student's very first visit already
// leaves the Labbook usable offline. Later versions wait for the student's consent (below).
clientsClaim();

// A course pack (course/ beside index.html) is cached as it is read, for offline use.
registerRoute(
  ({ url, request }) => isCoursePackRequest(url, siteUrl, request.method),
  async ({ request }) => withSiteHeaders(await networkFirstCourse(request, caches), request),
);

// The Labbook routes with the URL hash, so every navigation is answered by the cached shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// What answers when a route fails: a damaged precached file that the network cannot replace
// (offline). A page gets the static recovery page (public/recovery.html), which says the work is
// safe and offers to retry; anything else fails as a network error, which the page's boot watch
// (public/boot-watch.js) turns into the same recovery page.
const RECOVERY_FALLBACK =
  '<!doctype html><meta charset="utf-8"><title>MLOps Labbook</title><p>The Labbook could not ' +
  'start: its offline copy is damaged and the site cannot be reached. Your work is safe in this ' +
  'browser. Reconnect and reload the page.</p>';
setCatchHandler(async ({ request }) => {
  if (request.mode !== 'navigate') return Response.error();
  const page =
    (await matchPrecache('recovery.html')) ??
    new Response(RECOVERY_FALLBACK, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  return withSiteHeaders(page, request);
});

// A new version waits until the student accepts the "update available" prompt, so an update
// never swaps code under a running lesson.
self.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  // The recovery page's "Try again": check every cached file of the site (the precache and what
  // was cached on first use) and fetch the damaged ones again.
  if (type === 'REPAIR_PRECACHE') {
    const reply = event.ports[0];
    event.waitUntil(
      Promise.all([repairPrecache(cacheNames.precache), repairPrecache(LAZY_CACHE)]).then(
        (reports) => reply?.postMessage(mergeReports(reports)),
        () => reply?.postMessage(null),
      ),
    );
  }
});

function mergeReports(reports: RepairReport[]): RepairReport {
  return {
    checked: reports.reduce((n, r) => n + r.checked, 0),
    damaged: reports.reduce((n, r) => n + r.damaged, 0),
    unrepaired: reports.flatMap((r) => r.unrepaired),
  };
}
