/**
 * Content-Security-Policy: no page, file or request may run script on the Labbook's origin
 * unless it shipped with the site. Everything the Labbook loads is same-origin, so `'self'` is
 * the only source; the exceptions below are each needed by one named part, and each is as narrow
 * as that part allows.
 *
 * Where each policy comes from:
 * - Pages: the service worker sends PAGE_POLICY as a header on every document it serves, and the
 *   built index.html carries the same policy in a `<meta http-equiv>` (vite.config.ts), so the
 *   first visit and a host without service workers are covered too. A `<meta>` policy cannot
 *   carry `frame-ancestors`, so only the header has it.
 * - Workers: a dedicated worker takes its policy from its own script's response, never from the
 *   page, so the service worker sends WORKER_POLICY on worker scripts. Only there is
 *   `'unsafe-eval'` allowed: the kernel runs a cell with `new AsyncFunction` (and Arquero compiles
 *   table expressions with `Function`). Without a service worker a worker script has no policy
 *   at all (a `<meta>` reaches the document only), which is the site as it was before.
 */
type Policy = Readonly<Record<string, readonly string[]>>;

const SHARED: Policy = {
  'default-src': ["'self'"],
  // Observable Plot and CodeMirror insert <style> elements, and Svelte and Plot set `style`
  // attributes; a static site has no server to hand out nonces, so styles may be inline.
  // Styles cannot run script; scripts get no such allowance.
  'style-src': ["'self'", "'unsafe-inline'"],
  // Logged figures and images are previewed from blob: and data: URLs made on the page.
  'img-src': ["'self'", 'blob:', 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/** Every document: script only from the site's own files; WebAssembly may compile. */
export const PAGE_POLICY: Policy = {
  ...SHARED,
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  // Workers only from the site's files: a `blob:` worker would run code no file of ours holds.
  'worker-src': ["'self'"],
  'frame-src': ["'self'"],
  'manifest-src': ["'self'"],
};

/** Header-only directives (a `<meta>` policy ignores them). */
const HEADER_ONLY: Policy = {
  // Other sites may not frame the Labbook (clickjacking a student's "Delete").
  'frame-ancestors': ["'self'"],
};

/**
 * Every worker but the training one: `'unsafe-eval'` runs cells (kernel) and Arquero's compiled
 * expressions; `worker-src 'self'` keeps a cell from starting a `blob:` worker of its own, which
 * the kernel's interrupt and guards would not reach.
 */
export const WORKER_POLICY: Policy = {
  ...SHARED,
  'script-src': ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
};

/**
 * The training worker: TF.js's threaded WebAssembly starts each thread as a `blob:` worker that
 * loads the module factory with `importScripts(blob:)`, so this one worker (which runs no cell
 * code) may start blob: workers and load blob: scripts. tests/browser/isolation.test.ts trains
 * with threads under this policy.
 */
export const TRAIN_WORKER_POLICY: Policy = {
  ...WORKER_POLICY,
  'script-src': [...WORKER_POLICY['script-src']!, 'blob:'],
  'worker-src': ["'self'", 'blob:'],
};

/** Answers of the prediction API are data, never a page: nothing may run or load in them. */
export const API_POLICY: Policy = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] };

export function serializePolicy(policy: Policy): string {
  return Object.entries(policy)
    .map(([directive, sources]) => [directive, ...sources].join(' '))
    .join('; ');
}

/** The policy for the `<meta http-equiv>` in index.html. */
export const META_POLICY = serializePolicy(PAGE_POLICY);

const TRAIN_WORKER_SCRIPT = /\/train\.worker-[\w-]+\.js$/;

/** The header policy for a response the service worker serves for `destination` at `url`. */
export function policyFor(destination: string, url: string): string {
  if (destination === 'worker' || destination === 'sharedworker') {
    const path = new URL(url).pathname;
    return serializePolicy(TRAIN_WORKER_SCRIPT.test(path) ? TRAIN_WORKER_POLICY : WORKER_POLICY);
  }
  return serializePolicy({ ...PAGE_POLICY, ...HEADER_ONLY });
}

/** The headers the service worker adds to a response for `destination` at `url`, besides COOP/COEP. */
export function securityHeaders(destination: string, url: string): Record<string, string> {
  return {
    'Content-Security-Policy': policyFor(destination, url),
    // A file is what its type says: a text artifact is never sniffed into a page.
    'X-Content-Type-Options': 'nosniff',
  };
}
