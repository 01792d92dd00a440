import type { FormField } from './form-fields';

/** What the page shows after a submit: the prediction, the API's 422 per field, or why neither. */
export type FormAnswer =
  | { kind: 'prediction'; value: number | null; text: string }
  | { kind: 'invalid'; byField: Record<string, string[]>; other: string[] }
  | { kind: 'error'; message: string };

const MAX_TEXT = 2000;

/** The request body from the inputs' values: numbers parsed, empty optional inputs left out. */
export function formBody(fields: readonly FormField[], values: Record<string, unknown>) {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'checkbox') body[f.name] = v === true;
    else if (v === undefined || v === '') continue;
    // A number input that does not parse goes as typed: the API's 422 says what is wrong with it.
    else if (f.kind === 'number' || f.kind === 'integer')
      body[f.name] = typeof v === 'string' && Number.isFinite(Number(v)) ? Number(v) : v;
    else if (f.kind === 'select' && typeof v === 'string')
      body[f.name] = f.options?.find((o) => String(o) === v) ?? v;
    else body[f.name] = v;
  }
  return body;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The number a prediction API answers with, under the names the course's APIs use. */
function predictionOf(body: unknown): number | null {
  if (typeof body === 'number' && Number.isFinite(body)) return body;
  if (!isObject(body)) return null;
  for (const key of ['prediction', 'result', 'predicted', 'duration', 'value']) {
    const v = body[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  const list = body.predictions;
  return Array.isArray(list) && typeof list[0] === 'number' ? list[0] : null;
}

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/**
 * An answer read defensively: `body` is what the API sent (parsed JSON, or the raw text when it
 * was not JSON). FastAPI's 422 `detail` issues are placed by their `loc` (`['body', field]`).
 */
export function readAnswer(
  status: number,
  body: unknown,
  fields: readonly FormField[],
): FormAnswer {
  if (status === 200) {
    if (typeof body === 'string')
      return {
        kind: 'error',
        message: `The endpoint answered 200 with text that is not JSON: ${clip(body)}`,
      };
    return {
      kind: 'prediction',
      value: predictionOf(body),
      text: clip(JSON.stringify(body, null, 2) ?? 'null'),
    };
  }
  const detail = isObject(body) ? body.detail : undefined;
  if (status === 422 && Array.isArray(detail)) {
    const names = new Set(fields.map((f) => f.name));
    const byField: Record<string, string[]> = {};
    const other: string[] = [];
    for (const issue of detail.slice(0, 500)) {
      const loc = isObject(issue) && Array.isArray(issue.loc) ? issue.loc : [];
      const msg =
        isObject(issue) && typeof issue.msg === 'string'
          ? issue.msg.slice(0, 300)
          : 'Invalid value';
      const field = loc[0] === 'body' ? loc[1] : loc[0];
      if (typeof field === 'string' && names.has(field)) (byField[field] ??= []).push(msg);
      else other.push(`${loc.map(String).join('.') || 'body'}: ${msg}`);
    }
    return { kind: 'invalid', byField, other };
  }
  const said =
    typeof detail === 'string' ? detail : typeof body === 'string' ? body : JSON.stringify(body);
  return { kind: 'error', message: `The endpoint answered ${status}: ${clip(said ?? 'nothing')}` };
}
