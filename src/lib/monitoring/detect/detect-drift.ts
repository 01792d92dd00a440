import type { ColumnarTable } from '../../data/columnar/types';
import { type Frame, frameFromTable } from '../../features/frame';
import { benjaminiHochberg, bonferroni } from '../stats/multiple-testing';
import { columnKind, countDistinct, FEW_VALUES } from './choose-test';
import { cleanColumn } from './clean-column';
import { DriftError } from './errors';
import { type DriftOptions, parseDriftOptions } from './options';
import { resolveTest } from './resolve';
import { runTest } from './run-test';
import { type ColumnKind, type DriftTestName, isDrift, TEST_INFO } from './drift-tests';

export interface ColumnDrift {
  column: string;
  kind: ColumnKind;
  test: DriftTestName;
  /** evidently's display name of the test, e.g. "K-S p_value". */
  label: string;
  /** 'default' (evidently's rule) or the option that chose the test. */
  testFrom: string;
  /** Why this test: the facts and the rule, or the option that overrode it. */
  reason: string;
  /** KS D, chi², z, normalised Wasserstein, Jensen–Shannon distance or PSI. */
  statistic: number;
  /** For ks, chisquare and z; null for distances. */
  pValue: number | null;
  /** The p-value after options.correction (null without a correction or for distances). */
  adjustedPValue: number | null;
  /** What was compared with the threshold: the (adjusted) p-value, else the statistic. */
  score: number;
  threshold: number;
  thresholdFrom: string;
  drifted: boolean;
  /** Distinct values over both sides, counted up to 6 (6 = "more than 5"). */
  uniqueValues: number;
  rows: { reference: number; current: number };
  dropped: { reference: number; current: number };
}

export interface DriftReport {
  columns: ColumnDrift[];
  numberOfColumns: number;
  numberOfDriftedColumns: number;
  shareOfDriftedColumns: number;
  /** options.driftShare: the dataset drifts when shareOfDriftedColumns >= driftShare. */
  driftShare: number;
  datasetDrift: boolean;
  correction: 'none' | 'bonferroni' | 'bh';
}

function columnOf(frame: Frame, name: string, side: string, listed: boolean) {
  const column = frame[name];
  if (column === undefined) {
    throw new DriftError(
      'unknown-column',
      `No column "${name}" in the ${side} data (it has: ${Object.keys(frame).join(', ')}). Either add it, or ${listed ? 'remove it from' : 'list the columns to compare in'} options.columns.`,
    );
  }
  return column;
}

/**
 * Column-by-column drift between a reference and a current frame, with evidently's default test
 * per column (see `chooseTest`) unless options override it, then a dataset-level verdict.
 * NaN, null and ±Infinity are dropped per column first.
 */
export function detectDrift(
  reference: Frame,
  current: Frame,
  options: DriftOptions = {},
): DriftReport {
  const plan = planDrift(reference, current, options);
  return plan.report(plan.names.map(plan.column));
}

/**
 * `detectDrift` a column at a time, yielding between columns so that a long test over big
 * tables can report progress and be stopped: `signal` aborting rejects with its reason before
 * the next column; `onColumn(done, total)` follows each. The report is the same as detectDrift's.
 */
export async function detectDriftInSteps(
  reference: Frame,
  current: Frame,
  options: DriftOptions,
  steps: { signal?: AbortSignal; onColumn?: (done: number, total: number) => void },
): Promise<DriftReport> {
  const plan = planDrift(reference, current, options);
  const columns: ColumnDrift[] = [];
  for (const name of plan.names) {
    // A macrotask, not a microtask: a stop request arrives as a message and needs one to land.
    await new Promise((resolve) => setTimeout(resolve, 0));
    steps.signal?.throwIfAborted();
    columns.push(plan.column(name));
    steps.onColumn?.(columns.length, plan.names.length);
  }
  return plan.report(columns);
}

/** The options checked and the columns named; each column's test and the verdict, on demand. */
function planDrift(reference: Frame, current: Frame, options: DriftOptions) {
  const opts = parseDriftOptions(options);
  const names = opts.columns ?? Object.keys(reference);
  for (const name of Object.keys(opts.perColumn)) {
    if (!names.includes(name)) {
      throw new DriftError(
        'unknown-column',
        `options.perColumn.${name}: no column "${name}" is compared (columns: ${names.join(', ')}). Either fix the name or add it to options.columns.`,
      );
    }
  }
  const column = (name: string): ColumnDrift => {
    const ref = columnOf(reference, name, 'reference', opts.columns !== undefined);
    const cur = columnOf(current, name, 'current', opts.columns !== undefined);
    const kindOption = `options.perColumn.${name}.kind`;
    const kind = opts.perColumn[name]?.kind ?? columnKind(ref);
    const clean = cleanColumn(name, ref, cur, kind, kindOption);
    const rows = { reference: clean.reference.length, current: clean.current.length };
    for (const side of ['reference', 'current'] as const) {
      if (rows[side] === 0) {
        throw new DriftError(
          'empty-column',
          `Column "${name}" has no values left in the ${side} data (${clean.dropped[side]} missing or infinite dropped). Either leave it out of options.columns or check how it was loaded.`,
        );
      }
    }
    const uniqueValues = countDistinct(clean.reference, clean.current, FEW_VALUES + 1);
    const resolved = resolveTest(name, { kind, referenceRows: rows.reference, uniqueValues }, opts);
    const outcome = runTest(resolved.test, clean, opts.psiBins);
    const score = outcome.pValue ?? outcome.statistic;
    return {
      column: name,
      kind,
      test: resolved.test,
      label: TEST_INFO[resolved.test].label,
      testFrom: resolved.testFrom,
      reason: resolved.reason,
      statistic: outcome.statistic,
      pValue: outcome.pValue,
      adjustedPValue: null,
      score,
      threshold: resolved.threshold,
      thresholdFrom: resolved.thresholdFrom,
      drifted: isDrift(resolved.test, score, resolved.threshold),
      uniqueValues,
      rows,
      dropped: clean.dropped,
    };
  };
  const report = (columns: ColumnDrift[]): DriftReport => {
    if (opts.correction !== 'none') correct(columns, opts.correction);
    const drifted = columns.filter((c) => c.drifted).length;
    const share = columns.length ? drifted / columns.length : 0;
    return {
      columns,
      numberOfColumns: columns.length,
      numberOfDriftedColumns: drifted,
      shareOfDriftedColumns: share,
      driftShare: opts.driftShare,
      datasetDrift: columns.length > 0 && share >= opts.driftShare,
      correction: opts.correction,
    };
  };
  return { names, column, report };
}

/** Adjusts the p-values of the p-value tests together and re-decides those columns. */
function correct(columns: ColumnDrift[], method: 'bonferroni' | 'bh'): void {
  const tested = columns.filter((c) => c.pValue !== null);
  const adjusted = (method === 'bonferroni' ? bonferroni : benjaminiHochberg)(
    tested.map((c) => c.pValue!),
  );
  tested.forEach((c, i) => {
    c.adjustedPValue = adjusted[i]!;
    c.score = adjusted[i]!;
    c.drifted = isDrift(c.test, c.score, c.threshold);
  });
}

/** `detectDrift` on two stored tables (categories and strings as text, the rest as numbers). */
export function detectTableDrift(
  reference: ColumnarTable,
  current: ColumnarTable,
  options: DriftOptions = {},
): DriftReport {
  return detectDrift(frameFromTable(reference), frameFromTable(current), options);
}
