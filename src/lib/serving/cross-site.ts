import { fail, type ApiResponse } from './http';

/**
 * What the service worker refuses before reading a request. It sees requests from the Labbook's
 * own pages and workers, and navigations: any site can submit a form to a Labbook URL (another
 * origin's `fetch` never reaches it, and our answers carry no CORS header, so it reads nothing).
 * The API is called with `fetch`, so a navigation that posts is another site's form: answered 403,
 * unread, unscored and unlogged. Opening `api/v1/openapi.json` in a tab (a GET) still works.
 */
export function refuseNavigation(request: { mode: string; method: string }): ApiResponse | null {
  if (request.mode !== 'navigate' || request.method === 'GET' || request.method === 'HEAD')
    return null;
  return fail(
    403,
    "Forbidden: the prediction API does not take form posts or other navigations (another site's form looks exactly the same). Call it with fetch() from the Labbook.",
  );
}
