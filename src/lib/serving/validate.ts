import { parseDatetime } from '../data/csv/values';
import type { ColumnSpec } from '../registry/types';
import { MAX_OBJECT_KEYS } from './body-limits';
import type { ValidationIssue } from './errors';

/** Longer strings are refused: a request log row must stay small, and no feature needs more. */
export const MAX_STRING_LENGTH = 1000;

type Loc = (string | number)[];
type Checked = { ok: true; value: unknown } | { ok: false; issue: Omit<ValidationIssue, 'loc'> };

const bad = (type: string, msg: string, input: unknown): Checked => ({
  ok: false,
  issue: { type, msg, input },
});

/** Lax-mode number parsing as pydantic does it: numbers, and strings that spell a number. */
function number(v: unknown, integer: boolean): Checked {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) n = Number(v);
  else if (typeof v === 'string' && /^\s*[+-]?(nan|inf(inity)?)\s*$/i.test(v)) n = NaN;
  else if (typeof v === 'string')
    return integer
      ? bad(
          'int_parsing',
          'Input should be a valid integer, unable to parse string as an integer',
          v,
        )
      : bad(
          'float_parsing',
          'Input should be a valid number, unable to parse string as a number',
          v,
        );
  else
    return integer
      ? bad('int_type', 'Input should be a valid integer', v)
      : bad('float_type', 'Input should be a valid number', v);
  // JSON has no NaN; 1e400 parses to Infinity. Both would poison a prediction silently.
  if (!Number.isFinite(n)) return bad('finite_number', 'Input should be a finite number', v);
  if (integer && !Number.isInteger(n))
    return bad(
      'int_from_float',
      'Input should be a valid integer, got a number with a fractional part',
      v,
    );
  return { ok: true, value: n };
}

function field(v: unknown, spec: ColumnSpec): Checked {
  switch (spec.type) {
    case 'double':
      return number(v, false);
    case 'long':
      return number(v, true);
    case 'boolean':
      return typeof v === 'boolean'
        ? { ok: true, value: v }
        : bad('bool_type', 'Input should be a valid boolean', v);
    case 'string':
      if (typeof v !== 'string') return bad('string_type', 'Input should be a valid string', v);
      return v.length > MAX_STRING_LENGTH
        ? bad(
            'string_too_long',
            `String should have at most ${MAX_STRING_LENGTH} characters`,
            `${v.slice(0, 40)}…`,
          )
        : { ok: true, value: v };
    case 'datetime':
      if (typeof v !== 'string' || v.length > 64)
        return bad('datetime_type', 'Input should be a valid datetime', v);
      return parseDatetime(v) === null
        ? bad(
            'datetime_from_date_parsing',
            'Input should be a valid datetime, e.g. "2016-03-14 17:24:55" or ISO 8601',
            v,
          )
        : { ok: true, value: v };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One input record checked against the model's signature, every problem reported (not only
 * the first): missing fields, wrong types, non-finite numbers, unknown fields (a typo such as
 * "bmii" would otherwise be ignored and the model would still complain about "bmi").
 */
export function validateRecord(
  value: unknown,
  inputs: readonly ColumnSpec[],
  loc: Loc,
): { row: Record<string, unknown>; issues: ValidationIssue[] } {
  if (!isRecord(value))
    return {
      row: {},
      issues: [
        {
          loc,
          type: 'model_attributes_type',
          msg: 'Input should be a valid dictionary or object to extract fields from',
          input: value,
        },
      ],
    };
  const row: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  for (const spec of inputs) {
    // Own fields only: `constructor` or `toString` must not be found on Object.prototype.
    if (!Object.hasOwn(value, spec.name) || value[spec.name] === null) {
      issues.push({
        loc: [...loc, spec.name],
        type: 'missing',
        msg: 'Field required',
        input: null,
      });
      continue;
    }
    const checked = field(value[spec.name], spec);
    if (checked.ok) row[spec.name] = checked.value;
    else issues.push({ loc: [...loc, spec.name], ...checked.issue });
  }
  const known = new Set(inputs.map((s) => s.name));
  for (const name of Object.keys(value))
    if (!known.has(name))
      issues.push({
        loc: [...loc, name],
        type: 'extra_forbidden',
        msg: `Extra inputs are not permitted (the model takes: ${[...known].join(', ')})`,
        input: value[name],
      });
  return { row, issues };
}

/** Parses a JSON body, reporting where it breaks as pydantic's `json_invalid`. */
export function parseJson(
  body: string | null,
): { ok: true; value: unknown } | { ok: false; issues: ValidationIssue[] } {
  if (body === null || body.trim() === '')
    return { ok: false, issues: [{ loc: ['body'], type: 'missing', msg: 'Field required' }] };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    return {
      ok: false,
      issues: [
        {
          loc: ['body'],
          type: 'json_invalid',
          msg: `JSON decode error: ${(error as Error).message}`,
        },
      ],
    };
  }
}

const FORMATS = ['dataframe_records', 'dataframe_split', 'instances', 'inputs'] as const;

/**
 * The rows of a batch body, in the formats MLflow's `/invocations` accepts:
 * `{dataframe_records: [...]}`, `{dataframe_split: {columns, data}}`, `{instances: [...]}` or
 * `{inputs: [...]}`.
 */
export function batchRecords(
  body: unknown,
): { ok: true; records: unknown[]; loc: string } | { ok: false; issues: ValidationIssue[] } {
  if (isRecord(body)) {
    const formats = FORMATS.filter((key) => Object.hasOwn(body, key));
    // MLflow refuses these too: which of the two batches would be scored is anyone's guess.
    if (formats.length > 1)
      return {
        ok: false,
        issues: [
          {
            loc: ['body'],
            type: 'invocation_format',
            msg: `Send exactly one of ${FORMATS.join(', ')}; this body has ${formats.join(' and ')}`,
            input: formats,
          },
        ],
      };
    for (const key of ['dataframe_records', 'instances', 'inputs'])
      if (Array.isArray(body[key])) return { ok: true, records: body[key], loc: key };
    const split = body.dataframe_split;
    if (isRecord(split) && Array.isArray(split.columns) && Array.isArray(split.data)) {
      const columns = split.columns as unknown[];
      // Each row becomes an object of these keys: the same bound as an object sent as a row.
      if (columns.length > MAX_OBJECT_KEYS)
        return {
          ok: false,
          issues: [
            {
              loc: ['body', 'dataframe_split', 'columns'],
              type: 'too_long',
              msg: `List should have at most ${MAX_OBJECT_KEYS} items after validation, not ${columns.length}: a row has one column per feature.`,
            },
          ],
        };
      return {
        ok: true,
        loc: 'dataframe_split',
        records: (split.data as unknown[]).map((row) =>
          Array.isArray(row) ? Object.fromEntries(columns.map((c, j) => [String(c), row[j]])) : row,
        ),
      };
    }
  }
  return {
    ok: false,
    issues: [
      {
        loc: ['body'],
        type: 'invocation_format',
        msg: 'Expected one of {"dataframe_records": [...]}, {"dataframe_split": {"columns": [...], "data": [[...]]}}, {"instances": [...]} or {"inputs": [...]}',
        input: isRecord(body) ? Object.keys(body) : body,
      },
    ],
  };
}
