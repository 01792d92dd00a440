import { MAX_BODY_BYTES, type BodyRefusal } from './body-limits';
import type { ValidationIssue } from './errors';

/** A request as the router sees it: the part of the URL after `<base>api/`, headers lower-cased. */
export interface ApiRequest {
  method: string;
  /** e.g. `v1/models/diabetes/predict` (no leading slash, no query). */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string | null;
  /** Why the body's bytes were not read as text (too many, or not UTF-8); `body` is null then. */
  bodyRefused?: BodyRefusal;
  /** Why the URL could not be read (e.g. a broken %-escape): the router answers 400 with it. */
  malformed?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

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

/**
 * The header that says the Labbook answered, naming which host did (a static host's own 404 for
 * `api/…` lacks it): what the page and cells test to tell the API from a missing one.
 */
export const SERVED_BY = 'x-served-by';

/** The ApiResponse as a fetch Response (what the service worker and in-page fetch hand back). */
export function toResponse(response: ApiResponse, servedBy: string): Response {
  const body =
    response.body === null || response.body === undefined ? null : JSON.stringify(response.body);
  return new Response(body, {
    status: response.status,
    headers: { ...response.headers, [SERVED_BY]: servedBy },
  });
}

/**
 * The body as text, reading at most MAX_BODY_BYTES + 1 bytes: a larger one is refused unread
 * (never held whole, never parsed), and bytes that are not UTF-8 are refused rather than turned
 * into U+FFFD unseen.
 */
async function readBody(
  request: Request,
): Promise<{ body: string | null; bodyRefused?: BodyRefusal }> {
  if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return { body: null };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > MAX_BODY_BYTES) {
      void reader.cancel().catch(() => {});
      return { body: null, bodyRefused: { reason: 'too-large', bytes } };
    }
    chunks.push(value);
  }
  const all = new Uint8Array(bytes);
  let offset = 0;
  for (const chunk of chunks) all.set(chunk, (offset += chunk.byteLength) - chunk.byteLength);
  try {
    return { body: new TextDecoder('utf-8', { fatal: true }).decode(all) };
  } catch {
    const at = new TextDecoder().decode(all).indexOf('\uFFFD');
    return { body: null, bodyRefused: { reason: 'not-utf8', at: Math.max(at, 0) } };
  }
}

/** A fetch Request as an ApiRequest, or null when it is not for the API. */
export async function fromRequest(request: Request, apiRoot: URL): Promise<ApiRequest | null> {
  const url = new URL(request.url);
  if (url.origin !== apiRoot.origin || !url.pathname.startsWith(apiRoot.pathname)) return null;
  const { body, bodyRefused } = await readBody(request);
  const headers: [string, string][] = [];
  request.headers.forEach((value, key) => headers.push([key, value]));
  const api = toApiRequest(url, apiRoot, request.method, headers, body);
  return api && bodyRefused ? { ...api, bodyRefused } : api;
}
