import type { Plugin } from 'vite';

const THREADED_MODULE = /tfjs-backend-wasm\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js$/;
// The one place the module factory reads a variable of the closure around it.
const CLOSURE_READ =
  'if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}';

/**
 * Lets TF.js's threaded wasm start its threads in a minified build. Each thread runs the module
 * factory from its source text (`factory.toString()`), outside the closure it was written in.
 * The factory guards its one read of that closure with `typeof _scriptDir`, but the minifier
 * rewrites the guard to `_scriptDir !== void 0` under a new name, so every thread stops with
 * "ReferenceError: e is not defined" (the TF.js README's "JS Minification" warning; Vite's
 * minifier has no option to keep `typeof`). The read only serves a page that loads TF.js with a
 * <script> tag; here TF.js runs in a worker and names every file through locateFile, so the read
 * is removed. Applies to worker bundles, where TF.js lives.
 */
export function tfjsWasmThreadsPlugin(): Plugin {
  return {
    name: 'labbook-tfjs-wasm-threads',
    transform(code, id) {
      if (!THREADED_MODULE.test(id)) return null;
      if (!code.includes(CLOSURE_READ)) {
        this.error(
          `${id} no longer reads _scriptDir as this plugin expects (a new TF.js?). Check that ` +
            'wasm still trains with threads (tests/browser/isolation.test.ts), then update or ' +
            'remove scripts/vite/tfjs-wasm-threads-plugin.ts.',
        );
      }
      return { code: code.replace(CLOSURE_READ, ''), map: null };
    },
  };
}
