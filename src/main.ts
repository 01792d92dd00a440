import './app.css';
import { loadLesson } from 'virtual:lessons';
import { prewarmKernel } from './bridges/kernel-prewarm';
import { parseRoute } from './lib/routes/routes';

// The smallest boot that can start what a lesson's first Run waits for. Opened on a lesson, its
// kernel worker starts and its chunk downloads now, in parallel with the app's own scripts (which
// took ~200 ms to arrive and run before the worker could start from them).
const route = parseRoute(location.hash);
if (route.name === 'lesson') {
  prewarmKernel();
  // The lesson page imports the same chunk and reports an unknown lesson itself.
  loadLesson(route.lessonId).catch(() => undefined);
}

// A failure to load the app is rethrown as an uncaught error of this script, which
// public/boot-watch.js turns into the recovery page (a rejected import alone would leave it blank).
import('./app-start').catch((error: unknown) =>
  setTimeout(() => {
    throw error;
  }),
);
