/**
 * CodeMirror is the largest part of the page, so it loads on the student's first sign of intent —
 * any key, pointer or wheel input — instead of with the lesson. Until then cells show their code
 * read-only and can already be run. One shared promise, so every cell waits for the same chunk.
 */
type EditorModule = typeof import('./editor');

const INTENT_EVENTS = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

let editorModule: Promise<EditorModule> | undefined;
let intent: Promise<void> | undefined;

/** Loads the editor chunk now (once). */
export function loadEditor(): Promise<EditorModule> {
  editorModule ??= import('./editor');
  return editorModule;
}

/** At most this long after the first input the editor loads even if the page stays busy. */
const IDLE_WAIT_MS = 300;

/**
 * Resolves with the editor module after the first user input anywhere on the page, once the page
 * is idle: that input is often the click on Run, and the run must not queue behind CodeMirror's
 * chunk and the mounting of every cell's editor.
 */
export function editorOnIntent(): Promise<EditorModule> {
  intent ??= new Promise<void>((resolve) => {
    const done = () => {
      for (const type of INTENT_EVENTS) window.removeEventListener(type, done, true);
      if (typeof requestIdleCallback === 'function')
        requestIdleCallback(() => resolve(), { timeout: IDLE_WAIT_MS });
      else setTimeout(resolve, 0);
    };
    for (const type of INTENT_EVENTS) {
      window.addEventListener(type, done, { capture: true, passive: true });
    }
  });
  // Each cell mounts its editor in a task of its own: a long lesson never blocks in one go.
  return intent
    .then(loadEditor)
    .then((module) => new Promise<EditorModule>((resolve) => setTimeout(() => resolve(module), 0)));
}
