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

/** Resolves with the editor module after the first user input anywhere on the page. */
export function editorOnIntent(): Promise<EditorModule> {
  intent ??= new Promise<void>((resolve) => {
    const done = () => {
      for (const type of INTENT_EVENTS) window.removeEventListener(type, done, true);
      resolve();
    };
    for (const type of INTENT_EVENTS) {
      window.addEventListener(type, done, { capture: true, passive: true });
    }
  });
  return intent.then(loadEditor);
}
