import type { ValidationIssue } from './errors';

/** A request as the router sees it: the part of the URL after `<base>api/`, headers lower-cased. */
export interface ApiRequest {
  method: string;
  /** e.g. `v1/models/diabetes/predict` (no leading slash, no query). */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string | null;
  /** Why the URL could not be read (e.g. a broken %-escape): the router answers 400 with it. */
  malformed?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Requests larger than this are refused with 413 before parsing (FastAPI has no limit; a browser tab needs one). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}

/** FastAPI's error shape: `{ detail: "text" }` for HTTP errors, a list of issues for 422. */
export const fail = (status: number, detail: string | ValidationIssue[]) =>
  json(status, { detail });

function searchParams(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  return query;
}

/** `/base/api/v1/x?y=1` → an ApiRequest, given the absolute URL of the API root (`…/api/`). */
export function toApiRequest(
  url: URL,
  apiRoot: URL,
  method: string,
  headers: Iterable<[string, string]>,
  body: string | null,
): ApiRequest | null {
  if (url.origin !== apiRoot.origin || !url.pathname.startsWith(apiRoot.pathname)) return null;
  const raw = url.pathname.slice(apiRoot.pathname.length);
  let path = raw;
  let malformed: string | undefined;
  try {
    path = decodeURIComponent(raw);
  } catch {
    // Thrown out of the service worker, this would turn into a network error with no answer.
    malformed = `Bad Request: the path "${raw}" has a malformed %-escape (each % must start a valid UTF-8 escape such as %20). Encode the name with encodeURIComponent.`;
  }
  return {
    method: method.toUpperCase(),
    path: path.replace(/\/+$/, ''),
    query: searchParams(url),
    headers: Object.fromEntries([...headers].map(([k, v]) => [k.toLowerCase(), v])),
    body,
    ...(malformed === undefined ? {} : { malformed }),
  };
}

/** The ApiResponse as a fetch Response (what the service worker and in-page fetch hand back). */
export function toResponse(response: ApiResponse, servedBy: string): Response {
  const body =
    response.body === null || response.body === undefined ? null : JSON.stringify(response.body);
  return new Response(body, {
    status: response.status,
    // Says who answered: a static host's own 404 for `api/…` would not carry it.
    headers: { ...response.headers, 'x-served-by': servedBy },
  });
}

/** A fetch Request as an ApiRequest, or null when it is not for the API. */
export async function fromRequest(request: Request, apiRoot: URL): Promise<ApiRequest | null> {
  const url = new URL(request.url);
  if (url.origin !== apiRoot.origin || !url.pathname.startsWith(apiRoot.pathname)) return null;
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.text();
  const headers: [string, string][] = [];
  request.headers.forEach((value, key) => headers.push([key, value]));
  return toApiRequest(url, apiRoot, request.method, headers, body);
}
