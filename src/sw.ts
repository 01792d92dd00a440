/// <reference lib="webworker" />
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  matchPrecache,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { withIsolationHeaders } from './lib/pwa/isolation';
import { refuseNavigation } from './lib/serving/cross-site';
import { toResponse } from './lib/serving/http';
import { answerFetch, openServingHost, type ServingHost } from './workers/serving-host';

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
    host = openServingHost(siteUrl, async (url) => (await matchPrecache(url.href)) ?? fetch(url));
    host.catch(() => (host = undefined));
  }
  return host;
}
self.addEventListener('fetch', (event) => {
  if (!event.request.url.startsWith(apiRoot.href)) return;
  const refused = refuseNavigation(event.request);
  if (refused) {
    event.respondWith(withIsolationHeaders(toResponse(refused, SERVED_BY_SW)));
    return;
  }
  const answered = answerFetch(event.request, apiRoot, openHost, SERVED_BY_SW);
  event.respondWith(answered.then(({ response }) => withIsolationHeaders(response)));
  // A shadow's copy is logged after the answer; the worker stays alive until it is stored.
  event.waitUntil(answered.then(({ router }) => router?.settled()).catch(() => {}));
});

// Every page and worker script served from here is cross-origin isolated (COOP + COEP), so TF.js's
// wasm can train with threads on any static host. A dedicated worker takes its policy from its
// script's response, so the scripts need the headers as much as the page. The precache strategy
// also answers the navigation route below, so this one plugin covers all of it; the cached copies
// stay as fetched, and the headers are added as each response leaves.
addPlugins([{ handlerWillRespond: async ({ response }) => withIsolationHeaders(response) }]);

// Everything the site needs (app, lessons, datasets, workers, wasm) is in the precache manifest,
// so after one visit the Labbook loads and runs with the network gone.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install controls the open page at once, so a student's very first visit already
// leaves the Labbook usable offline. Later versions wait for the student's consent (below).
clientsClaim();

// The Labbook routes with the URL hash, so every navigation is answered by the cached shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// A new version waits until the student accepts the "update available" prompt, so an update
// never swaps code under a running lesson.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
