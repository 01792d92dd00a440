import { describe, expect, it } from 'vitest';
import {
  MAX_BODY_BYTES,
  MAX_JSON_DEPTH,
  MAX_OBJECT_KEYS,
  readJsonBody,
  scanJson,
  type ApiRequest,
} from '../../../src/lib/serving';

const req = (body: string | null, headers: Record<string, string> = {}): ApiRequest => ({
  method: 'POST',
  path: 'v1/models/toy/predict',
  query: {},
  headers: { 'content-type': 'application/json', ...headers },
  body,
});
const refusal = (r: ReturnType<typeof readJsonBody>) =>
  'refused' in r ? (r.refused as { status: number; body: { detail: unknown } }) : null;

describe('scanJson: bounds on the raw text, before JSON.parse', () => {
  it('passes ordinary bodies, brackets and quotes inside strings included', () => {
    for (const text of [
      '{"a": 1, "b": "x"}',
      '{"dataframe_split": {"columns": ["a"], "data": [[1], [2]]}}',
      '{"a": "[[[[{{{{", "b": "\\"]}", "c": "\\\\"}',
      '[{"a": 1}, {"a": 2}]',
      '{"a": 1,',
      '',
    ])
      expect(scanJson(text), text).toBeNull();
  });

  it('refuses nesting deeper than the limit, naming where', () => {
    const ok = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(scanJson(ok)).toBeNull();
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const issue = scanJson(deep)!;
    expect(issue.type).toBe('json_too_deep');
    expect(issue.loc).toEqual(['body', ...Array(MAX_JSON_DEPTH).fill(0)]);
    expect(issue.msg).toMatch(
      `deeper than ${MAX_JSON_DEPTH} levels (at character ${MAX_JSON_DEPTH})`,
    );
    const inRow = scanJson(`{"dataframe_records": [{"a": 1}, {"a": ${'['.repeat(40)}`)!;
    expect(inRow.loc.slice(0, 4)).toEqual(['body', 'dataframe_records', 1, 'a']);
  });

  it('refuses an object with too many keys, and a key given twice', () => {
    const wide = `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}": 1`).join(',')}}`;
    expect(scanJson(wide)).toMatchObject({
      loc: ['body', `k${MAX_OBJECT_KEYS}`],
      type: 'too_many_keys',
    });
    // Many rows of few keys each are fine: keys are counted per object.
    const rows = `[${Array.from({ length: 5000 }, () => '{"a":1,"b":2,"c":3}').join(',')}]`;
    expect(scanJson(rows)).toBeNull();
    expect(scanJson('{"rows": [{"a": 1, "b": 2, "a": "x"}]}')).toMatchObject({
      loc: ['body', 'rows', 0, 'a'],
      type: 'duplicate_key',
    });
    // The same key spelt with an escape is the same key to JSON.parse.
    expect(scanJson('{"a": 1, "\\u0061": 2}')?.type).toBe('duplicate_key');
    expect(scanJson('{"a": {"a": 1}, "b": {"a": 2}}')).toBeNull();
    expect(scanJson(`{"rows": [{"a": 1, "${'k'.repeat(300)}": 2}]}`)).toMatchObject({
      loc: ['body', 'rows', 0],
      type: 'key_too_long',
    });
    // A string ends at a quote after an even run of backslashes, not at an escaped quote.
    expect(scanJson('{"a": "x\\\\", "a": 1}')?.type).toBe('duplicate_key');
    expect(scanJson('{"a": "x\\", \\"a\\": 1}')).toBeNull();
  });
});

describe('readJsonBody: the one body check of every route', () => {
  it('refuses in order: content type 415, size 413, unreadable bytes, bounds and JSON 422', () => {
    expect(refusal(readJsonBody(req('{}', { 'content-type': 'text/plain' })))?.status).toBe(415);
    const big = refusal(readJsonBody(req(`"${'x'.repeat(MAX_BODY_BYTES)}"`)))!;
    expect(big.status).toBe(413);
    expect(big.body.detail).toEqual([
      expect.objectContaining({ loc: ['body'], type: 'body_too_large' }),
    ]);
    const undecodable = { ...req(null), bodyRefused: { reason: 'not-utf8' as const, at: 7 } };
    expect(refusal(readJsonBody(undecodable))?.body.detail).toEqual([
      expect.objectContaining({ loc: ['body', 7], type: 'json_invalid' }),
    ]);
    expect(refusal(readJsonBody(req('[[[' + '['.repeat(40))))?.status).toBe(422);
    expect(refusal(readJsonBody(req('{"a": NaN}')))?.body.detail).toEqual([
      expect.objectContaining({ type: 'json_invalid' }),
    ]);
    expect(readJsonBody(req('{"a": 1}'))).toEqual({ value: { a: 1 } });
    // A Content-Length header is not believed: the text's own length is what counts.
    expect(readJsonBody(req('{"a": 1}', { 'content-length': '999999999' }))).toEqual({
      value: { a: 1 },
    });
  });
});
