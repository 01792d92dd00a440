import type { ValidationIssue } from './errors';
import { fail, type ApiRequest, type ApiResponse } from './http';
import { parseJson } from './validate';

/**
 * How large, deep and wide a request body may be. Every route that reads a body checks these
 * before parsing or logging it: a 200,000-deep body parses, but then overflows the stack of
 * whatever walks it next (the log's preview, IndexedDB's structured clone), and one such request
 * must not cost any other its answer or its log record.
 */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** A model input needs 4 levels (`{dataframe_split: {data: [[…]]}}`); 32 leaves room for callbacks. */
export const MAX_JSON_DEPTH = 32;
/** Keys in one JSON object: a row has one per feature. A batch's rows are each counted alone. */
export const MAX_OBJECT_KEYS = 1000;
/** A key names a feature; a longer one would be copied into every issue and log record naming it. */
export const MAX_KEY_CHARS = 256;

/** A sticky routing key (`x-request-key`) is an id, not a payload; it is logged with each request. */
export const MAX_KEY_LENGTH = 256;

const MB = MAX_BODY_BYTES / 1024 / 1024;

/** The request's sticky routing key: its `x-request-key` when within bounds, else its id. */
export function stickyKey(req: ApiRequest, id: string): string {
  const key = req.headers['x-request-key'];
  return key !== undefined && key.length <= MAX_KEY_LENGTH ? key : id;
}

/** A 422 for an `x-request-key` too long to route by and log (other headers are never kept). */
export function keyIssue(req: ApiRequest): ApiResponse | null {
  const key = req.headers['x-request-key'];
  if (key === undefined || key.length <= MAX_KEY_LENGTH) return null;
  return fail(422, [
    {
      loc: ['header', 'x-request-key'],
      type: 'string_too_long',
      msg: `String should have at most ${MAX_KEY_LENGTH} characters (got ${key.length}); the key names a user or session for sticky routing.`,
    },
  ]);
}

/** Why a request's bytes never became text (the host reads at most MAX_BODY_BYTES + 1 of them). */
export type BodyRefusal =
  { reason: 'too-large'; bytes: number } | { reason: 'not-utf8'; at: number };

interface Level {
  object: boolean;
  /** Keys so far (object) or the current element's index (array). */
  count: number;
  expectKey: boolean;
  key: string | null;
  keys: Set<string> | null;
}

const locOf = (stack: readonly Level[]): (string | number)[] =>
  stack.flatMap((l): (string | number)[] =>
    l.object ? (l.key === null ? [] : [l.key]) : [l.count],
  );

/** A key's text: the raw slice (quotes included) unescaped as JSON does it, when it can be. */
function keyText(raw: string): string {
  if (!raw.includes('\\')) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

/** Where the string opened at `start` closes (a quote after an even run of backslashes), or the end. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    let slash = quote - 1;
    while (slash > start && text.charCodeAt(slash) === 0x5c) slash--;
    if ((quote - 1 - slash) % 2 === 0) return quote;
    from = quote + 1;
  }
}

/**
 * One linear pass over the raw text, before `JSON.parse`: refuses nesting deeper than
 * MAX_JSON_DEPTH, objects with more than MAX_OBJECT_KEYS keys, and a key given twice in one object
 * (JSON.parse would keep the last and silently drop the other). Strings and their escapes are
 * skipped, so brackets inside strings do not count. Malformed JSON is left to `JSON.parse`.
 */
export function scanJson(text: string): ValidationIssue | null {
  const stack: Level[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      i = stringEnd(text, i);
      const top = stack.at(-1);
      if (!top?.object || !top.expectKey) continue;
      top.key = null;
      if (i - start - 1 > MAX_KEY_CHARS)
        return {
          loc: ['body', ...locOf(stack)],
          type: 'key_too_long',
          msg: `Key "${text.slice(start + 1, start + 41)}…" has ${i - start - 1} characters (at character ${start}); a key names a feature, at most ${MAX_KEY_CHARS} characters.`,
        };
      const key = keyText(text.slice(start, i + 1));
      top.expectKey = false;
      top.key = key;
      if (++top.count > MAX_OBJECT_KEYS)
        return {
          loc: ['body', ...locOf(stack)],
          type: 'too_many_keys',
          msg: `Object has more than ${MAX_OBJECT_KEYS} keys (at character ${start}); a row has one key per feature. Send many rows as a list, e.g. {"dataframe_records": [...]}.`,
        };
      if (top.keys!.has(key))
        return {
          loc: ['body', ...locOf(stack)],
          type: 'duplicate_key',
          msg: `Key "${key.slice(0, 100)}" appears twice in one object (again at character ${start}): JSON keeps only the last value, so the other would be dropped unseen. Send each field once.`,
        };
      top.keys!.add(key);
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= MAX_JSON_DEPTH)
        return {
          loc: ['body', ...locOf(stack)],
          type: 'json_too_deep',
          msg: `JSON nested deeper than ${MAX_JSON_DEPTH} levels (at character ${i}); a model input needs at most 4. Send rows as flat objects of feature values.`,
        };
      const object = c === 0x7b;
      stack.push({
        object,
        count: 0,
        expectKey: object,
        key: null,
        keys: object ? new Set() : null,
      });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */) {
      const top = stack.at(-1);
      if (top?.object) top.expectKey = true;
      else if (top) top.count++;
    }
  }
  return null;
}

/** The 413/422 for bytes that were refused before they became text. */
function refusedBytes(refusal: BodyRefusal): ApiResponse {
  return refusal.reason === 'too-large'
    ? fail(413, [
        {
          loc: ['body'],
          type: 'body_too_large',
          msg: `The body is larger than ${MB} MB (${refusal.bytes} bytes read before stopping); send fewer rows per request, or score a data version with a batch job.`,
        },
      ])
    : fail(422, [
        {
          loc: ['body', refusal.at],
          type: 'json_invalid',
          msg: `JSON decode error: the body is not valid UTF-8 (first bad byte near character ${refusal.at}). Send the body as UTF-8 text.`,
        },
      ]);
}

/**
 * A request's JSON body, or the answer that refuses it: 415 without a JSON content type (unless
 * `anyType`), 413 over MAX_BODY_BYTES, 422 for bytes that are not UTF-8, for nesting, width or
 * duplicate keys past the limits above, and for text that is not JSON. The one check every route
 * that reads a body goes through, in this order, so no path parses what another would refuse.
 */
export function readJsonBody(
  req: ApiRequest,
  { anyType = false }: { anyType?: boolean } = {},
): { value: unknown } | { refused: ApiResponse } {
  const type = req.headers['content-type'] ?? '';
  if (!anyType && !/^application\/([\w.-]+\+)?json\b/i.test(type))
    return {
      refused: fail(415, [
        {
          loc: ['header', 'content-type'],
          type: 'content_type',
          msg: `Expected "application/json", got ${type ? `"${type.slice(0, 100)}"` : 'no Content-Type'}`,
        },
      ]),
    };
  if (req.bodyRefused) return { refused: refusedBytes(req.bodyRefused) };
  // The text's length, not a Content-Length header: a header can say anything.
  const length = req.body?.length ?? 0;
  if (length > MAX_BODY_BYTES)
    return { refused: refusedBytes({ reason: 'too-large', bytes: length }) };
  const issue = req.body === null ? null : scanJson(req.body);
  if (issue) return { refused: fail(422, [issue]) };
  const parsed = parseJson(req.body);
  return parsed.ok ? { value: parsed.value } : { refused: fail(422, parsed.issues) };
}
