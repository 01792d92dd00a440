import './app.css';
import { loadLesson } from 'virtual:lessons';
import { prewarmKernel } from './bridges/kernel-prewarm';
import { parseRoute } from './lib/routes/routes';
import { reloadOnceForIsolation } from './state/isolation-reload';

// The smallest boot that can start what a lesson's first Run waits for. Opened on a lesson, its
// kernel worker starts and its chunk downloads now, in parallel with the app's own scripts (which
// took ~200 ms to arrive and run before the worker could start from them).
const route = parseRoute(location.hash);
// The service worker names a damaged file of the offline copy as it serves it: for these early
// requests, before the app listens (src/state/app-update.svelte.ts). Such messages are held and
// handed to the app once it has mounted.
const held: unknown[] = [];
const hold = (event: MessageEvent) => held.push(event.data);
navigator.serviceWorker?.addEventListener('message', hold);
// Watched from here: the app mounts after the page's load, when a student may have moved already.
if ('serviceWorker' in navigator && !import.meta.env.DEV) reloadOnceForIsolation();
if (route.name === 'lesson') {
  prewarmKernel();
  // The lesson page imports the same chunk and reports an unknown lesson itself.
  loadLesson(route.lessonId).catch(() => undefined);
}

// A failure to load the app is rethrown as an uncaught error of this script, which
// public/boot-watch.js turns into the recovery page (a rejected import alone would leave it blank).
import('./app-start').then(
  // A task later: the app's listeners are added in its mount's effects.
  () =>
    setTimeout(() => {
      const container = navigator.serviceWorker;
      container?.removeEventListener('message', hold);
      for (const data of held) container?.dispatchEvent(new MessageEvent('message', { data }));
    }),
  (error: unknown) =>
    setTimeout(() => {
      throw error;
    }),
);
