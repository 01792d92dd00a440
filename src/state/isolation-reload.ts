import { shouldReloadForIsolation } from '../lib/pwa/isolation';

const RELOADED_KEY = 'labbook:reloaded-for-isolation';
// The same signs of a student at work the editor loader waits for, plus form edits.
const TOUCH_EVENTS = [
  'pointermove',
  'pointerdown',
  'keydown',
  'wheel',
  'touchstart',
  'input',
  'change',
] as const;

function session(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be switched off; then the page never reloads itself (it could not count).
    return undefined;
  }
}

/**
 * Reloads the page once when the service worker first takes control of it, if nothing has been
 * touched yet, so the very first visit can already train with threads (see
 * shouldReloadForIsolation). Returns whether this page is that reload, so what the discarded page
 * had to say (offline ready) can be said again.
 */
export function reloadOnceForIsolation(): boolean {
  // Called by the boot entry (src/main.ts), before the app's scripts arrive, so that a student's
  // first move and the service worker's first controllerchange are both seen; the app asks again.
  return (reloadedForIsolation ??= watchForIsolation());
}
let reloadedForIsolation: boolean | undefined;

function watchForIsolation(): boolean {
  const storage = session();
  const mark = storage?.getItem(RELOADED_KEY) ?? null;
  if (mark === 'pending') storage?.setItem(RELOADED_KEY, 'done');
  const controlledAtLoad = navigator.serviceWorker.controller !== null;
  if (!storage || controlledAtLoad || mark !== null) return mark === 'pending';

  let touched = false;
  const touch = () => {
    touched = true;
    for (const type of TOUCH_EVENTS) window.removeEventListener(type, touch, true);
  };
  for (const type of TOUCH_EVENTS) {
    window.addEventListener(type, touch, { capture: true, passive: true });
  }
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const state = { isolated: window.crossOriginIsolated, touched, controlledAtLoad };
    if (!shouldReloadForIsolation({ ...state, reloadedBefore: false })) return;
    storage.setItem(RELOADED_KEY, 'pending');
    window.location.reload();
  });
  return false;
}
