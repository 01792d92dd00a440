/**
 * Cross-origin isolation: SharedArrayBuffer, and so TF.js's threaded WebAssembly, exists only in a
 * page (and its workers) served with these two headers. Static hosts seldom let a site set
 * headers, so the service worker adds them to everything it serves. Everything the Labbook loads
 * is same-origin, so `require-corp` blocks nothing of ours and, unlike `credentialless`, Safari
 * honours it too. No Cross-Origin-Resource-Policy is needed: it only matters to other origins.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The same response with the isolation headers (and `extra`, e.g. a Content-Security-Policy) set;
 * status, body and other headers kept.
 */
export function withIsolationHeaders(
  response: Response,
  extra: Readonly<Record<string, string>> = {},
): Response {
  // Status 0 is an opaque or error response: it cannot be rebuilt, and is no page of ours.
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries({ ...ISOLATION_HEADERS, ...extra })) {
    headers.set(name, value);
  }
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

export interface IsolationReloadState {
  /** `crossOriginIsolated`; undefined in a browser without the notion (reloading cannot help). */
  isolated: boolean | undefined;
  /** A service worker controlled the page when it loaded (its headers were on this document). */
  controlledAtLoad: boolean;
  /** Any pointer, key, wheel, touch or form input since the page loaded. */
  touched: boolean;
  /** This tab already reloaded itself once for isolation. */
  reloadedBefore: boolean;
}

/**
 * When the service worker first takes control, the page that installed it is still not isolated:
 * its own response came from the network. One reload fixes that, but only before the student has
 * done anything (a reload would cost them the kernel's variables and their place), and only once
 * per tab, so a browser that will not isolate can never loop. Otherwise isolation starts with the
 * next visit, which the service worker serves.
 */
export function shouldReloadForIsolation(state: IsolationReloadState): boolean {
  return (
    state.isolated === false && !state.controlledAtLoad && !state.touched && !state.reloadedBefore
  );
}
