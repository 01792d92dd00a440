/// <reference lib="webworker" />
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope;

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
