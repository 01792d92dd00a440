import type { ColumnSpec } from '../registry/types';
import type { Predictor } from '../registry';
import {
  loggedIssues,
  loggedRow,
  MAX_LOGGED_ROWS,
  type Fault,
  type RequestRecord,
} from './endpoint';
import type { ValidationIssue } from './errors';
import { validateRecord } from './validate';

/** 422 answers list at most this many issues (a 10,000-row batch of wrong rows stays readable). */
export const MAX_ISSUES = 100;

export type Loc = (string | number)[];
export type Row = Record<string, number | string>;

/** Why rows were not scored: the answer's status and detail, and what their log record says. */
export interface Refused {
  status: number;
  detail: string | ValidationIssue[];
  log: Partial<RequestRecord>;
}

/** A refusal's `detail` in the log's words: the text, or the first issue and how many there were. */
export function refusalError(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const first = detail[0] as ValidationIssue | undefined;
    // Bounded: a loc and msg can quote what the client sent, and this goes into every log record.
    const where = first ? ` (first: ${`${first.loc.join('.')}: ${first.msg}`.slice(0, 500)})` : '';
    return `${detail.length} validation issue(s)${where}`;
  }
  return 'refused';
}

const issuesRefused = (issues: ValidationIssue[], inputs: Record<string, unknown>[]): Refused => ({
  status: 422,
  detail: issues.slice(0, MAX_ISSUES),
  log: { error: refusalError(issues), detail: loggedIssues(issues), inputs },
});

/**
 * A 422 issue per row whose prediction is not a finite number (a 1e308 input overflows a linear
 * model to Infinity), naming the row's largest input: the likely cause.
 */
export function nonFinite(
  predictions: number[],
  rows: Row[],
  singleLoc: Loc | null,
  loc: Loc,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  predictions.forEach((p, i) => {
    if (Number.isFinite(p) || issues.length >= MAX_ISSUES) return;
    const numeric = Object.entries(rows[i] ?? {}).filter(
      (e): e is [string, number] => typeof e[1] === 'number',
    );
    const largest = numeric.sort(([, a], [, b]) => Math.abs(b) - Math.abs(a))[0];
    issues.push({
      loc: singleLoc ?? [...loc, i],
      type: 'non_finite_prediction',
      msg: `The model's output is not finite (${p}) for these inputs${largest ? `; the largest is ${largest[0]} = ${largest[1]}` : ''}: likely far outside the training range. Send values within the range the model was trained on.`,
      input: rows[i],
    });
  });
  return issues;
}

/** Every record against the signature; at most MAX_ISSUES issues, never spread (100,000 would overflow the stack). */
function validateRows(
  records: unknown[],
  inputs: readonly ColumnSpec[],
  loc: Loc,
  single: boolean,
) {
  const rows: Record<string, unknown>[] = [];
  const issues: ValidationIssue[] = [];
  records.forEach((value, i) => {
    const checked = validateRecord(value, inputs, single ? loc : [...loc, i]);
    rows.push(checked.row);
    for (const issue of checked.issues.slice(0, MAX_ISSUES - issues.length)) issues.push(issue);
  });
  return { rows: rows as Row[], issues };
}

export interface CheckOptions {
  loc: Loc;
  /** One row sent as the body itself: issues are located at `loc`, not `loc.i`. */
  single: boolean;
  maxRows: number;
  /** How the 413 names the unit the limit applies to. */
  per: 'request' | 'job';
}

/**
 * The sequence's first stages, size then validation: rows fit to predict on, or why not. The
 * signature is asked for only when the size is right (loading a model for a 413 is wasted).
 */
export async function checkRows(
  records: unknown[],
  signature: () => Promise<readonly ColumnSpec[]>,
  o: CheckOptions,
): Promise<{ rows: Row[] } | { refused: Refused }> {
  if (records.length > o.maxRows) {
    const detail = `${records.length} rows exceed this endpoint's limit of ${o.maxRows} per ${o.per}${o.per === 'request' ? '; split the batch or use a batch job' : ''}.`;
    return { refused: { status: 413, detail, log: { error: detail } } };
  }
  if (records.length === 0) {
    const detail = [
      {
        loc: o.loc,
        type: 'too_short',
        msg: 'List should have at least 1 item after validation, not 0',
      },
    ];
    return { refused: { status: 422, detail, log: { error: refusalError(detail), detail } } };
  }
  const { rows, issues } = validateRows(records, await signature(), o.loc, o.single);
  // A refused row's values are cut to previews: they are whatever the client sent.
  const sent = records.slice(0, MAX_LOGGED_ROWS).map(loggedRow);
  return issues.length ? { refused: issuesRefused(issues, sent) } : { rows };
}

export interface PredictOptions {
  version: number;
  fault: Fault | undefined;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Where a non-finite prediction is located: `loc` for one row sent alone, else `loc.i`. */
  loc: Loc;
  single: boolean;
}

/** The sequence's last stages, fault then predict then non-finite: predictions, or why not. */
export async function predictRows(
  rows: Row[],
  predictor: Predictor,
  o: PredictOptions,
): Promise<{ predictions: number[] } | { refused: Refused }> {
  const inputs = rows.slice(0, MAX_LOGGED_ROWS);
  if (o.fault?.latencyMs) await o.sleep(o.fault.latencyMs);
  if (o.fault && o.random() < o.fault.errorRate)
    return {
      refused: {
        status: 500,
        detail: `v${o.version} failed (a fault injected on this endpoint)`,
        log: { error: 'injected fault', inputs },
      },
    };
  let predictions: number[];
  try {
    predictions = predictor.predict(rows);
  } catch (error) {
    const msg = (error as Error).message;
    return {
      refused: {
        status: 500,
        detail: `v${o.version} could not score this input: ${msg}`,
        log: { error: msg, inputs },
      },
    };
  }
  // JSON has no Infinity or NaN: answered as 200, such a prediction would reach the client as null.
  const overflow = nonFinite(predictions, rows, o.single ? o.loc : null, o.loc);
  if (overflow.length) return { refused: issuesRefused(overflow, inputs) };
  return { predictions };
}
