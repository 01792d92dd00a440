import { from as aqFrom } from 'arquero';
import {
  detectDriftInSteps,
  driftScenario,
  labelledTable,
  recentDataLineage,
  recentDataName,
  monitorWindows,
  referenceForVersion,
  type AlertRulesInput,
  type DriftOptions,
  type DriftReport,
  type ScenarioOptions,
  type WindowReport,
} from '../monitoring';
import { frameFromTable, type Frame } from '../features/frame';
import { courseSplit } from '../pipeline/run';
import { defineLabNamespace } from './index';
import { labServices } from './services';
import { kernelRouter } from './serving-router';
import { fromArquero } from '../data/columnar';
import { isArquero } from './tables';
import { closeLoop, LOOP_STEPS, type LoopOptions } from './close-loop';
import { cellControl } from './rerun-events';
import { servedOrThrow } from './monitored';
import { dagChart } from './pipeline';
import { mysteryScenarios, type MysteryOptions } from './mystery';
import { LabError } from './errors';
import { collectInSlices, LiveProgress, SHOW_AFTER_MS } from './live-progress';
import type { DagStep } from '../pipeline/dag';

/**
 * From this many windows a monitor shows its bar at once: a lesson's monitor checks tens, and a
 * thousand or more is long work (over a second on a student's laptop) worth a bar and a Cancel.
 */
const MANY_WINDOWS = 1000;

/** Tables handed in again (one test after another) are converted once. */
const frames = new WeakMap<object, Frame>();

async function frameOf(ref: unknown) {
  if (typeof ref === 'string') return frameFromTable((await labServices().catalog.load(ref)).table);
  if (isArquero(ref)) {
    let frame = frames.get(ref);
    if (!frame) frames.set(ref, (frame = frameFromTable(fromArquero(ref))));
    return frame;
  }
  throw new TypeError('Give a dataset name or version id, or an arquero table.');
}

/**
 * Values compared (rows × columns) above which a drift test is known to take seconds, so its bar
 * shows at once; below, it shows only if the test is still running after SHOW_AFTER_MS.
 */
const LONG_DRIFT_VALUES = 2_000_000;

/** Column-by-column drift with a bar in the cell (a column a step) and its Cancel. */
async function driftWithBar(
  display: (value: unknown) => void,
  reference: Frame,
  current: Frame,
  options: DriftOptions,
) {
  const rowsOf = (frame: Frame) => Object.values(frame)[0]?.length ?? 0;
  const rows = rowsOf(reference) + rowsOf(current);
  // Options are checked by the test itself; here only a count for the bar is read from them.
  const listed = (options as { columns?: unknown } | null)?.columns;
  const columns = Array.isArray(listed) ? listed.length : Object.keys(reference).length;
  const bar = new LiveProgress(
    display,
    `Drift: ${columns} columns, ${rowsOf(reference).toLocaleString('en-US')} reference and ${rowsOf(current).toLocaleString('en-US')} current rows`,
    columns,
    'columns',
    rows * columns >= LONG_DRIFT_VALUES ? 0 : SHOW_AFTER_MS,
  );
  try {
    const report = await detectDriftInSteps(reference, current, options, {
      signal: bar.cancelSignal,
      onColumn: (done) => bar.step(done),
    });
    bar.end('done', `${report.numberOfDriftedColumns} of ${report.numberOfColumns} drifted`);
    return report;
  } catch (error) {
    if (bar.cancelSignal.aborted) throw bar.cancelled('no report was made');
    bar.end('failed', (error as Error).message);
    throw error;
  }
}

/** A drift report as a table: one row per column, with the test and why it was chosen. */
export function driftTable(report: DriftReport) {
  return aqFrom(
    report.columns.map((c) => ({
      column: c.column,
      kind: c.kind,
      test: c.label,
      statistic: c.statistic,
      p_value: c.pValue,
      score: c.score,
      threshold: c.threshold,
      drifted: c.drifted,
      why: c.reason,
    })),
  );
}

/** The served model, its reference data and the request log of an endpoint. */
async function served(endpoint: string, referenceRef?: string) {
  const router = kernelRouter();
  const { model, version: v } = await servedOrThrow(endpoint);
  const predictor = await router.predictor(model, v);
  const ref = referenceRef ?? predictor.version?.datasetVersion;
  if (!ref)
    throw new LabError(
      'no-reference',
      `${model} v${v} records no data version: say which data is the reference ({ reference: 'diabetes' }).`,
    );
  const { catalog, tracking } = labServices();
  const { version, table } = await catalog.load(ref);
  return {
    model,
    version: v,
    predictor,
    // The dashboard's reference: the model's training rows when its run recorded the split.
    reference: await referenceForVersion(predictor, { id: version.id, table }, tracking, (rows) =>
      courseSplit(catalog, rows),
    ),
    referenceTable: table,
  };
}

interface WindowsOptions {
  reference?: string;
  windowSize?: number;
  /** Requests between window starts (default: windowSize, windows side by side). */
  step?: number;
  asOf?: number;
  alerts?: AlertRulesInput;
  drift?: DriftOptions;
  since?: number;
}

/**
 * The endpoint's traffic (since `since`) cut into monitored windows: how many, and the windows
 * made one by one as they are asked for (for a bar and its Cancel).
 */
async function windowsOf(endpoint: string, options: WindowsOptions) {
  const s = await served(endpoint, options.reference);
  const records = await labServices().serving.requests(
    endpoint,
    options.since === undefined ? {} : { since: options.since },
  );
  const { count, windows } = monitorWindows(s.reference, records, {
    inputs: s.predictor.signature.inputs,
    windowSize: options.windowSize ?? 100,
    ...(options.step ? { step: options.step } : {}),
    asOf: options.asOf ?? Date.now(),
    ...(options.drift ? { drift: options.drift } : {}),
    ...(options.alerts ? { alerts: options.alerts } : {}),
  });
  return { s, count, windows };
}

const counted = (n: number, what: string) =>
  `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/**
 * The windows checked under `bar` (a window at a time, `onWindow` told each), or, cancelled,
 * the error whose message says how far they got, after the windows checked are shown.
 */
async function checkWindows(
  display: (value: unknown) => void,
  bar: LiveProgress,
  windows: Iterator<WindowReport, unknown, void>,
  count: number,
  onWindow: (checked: WindowReport[]) => void,
  afterwards: string,
): Promise<WindowReport[]> {
  const reports: WindowReport[] = [];
  try {
    await collectInSlices(windows, bar.cancelSignal, (report) => {
      reports.push(report);
      onWindow(reports);
    });
    return reports;
  } catch (error) {
    if (!bar.cancelSignal.aborted) {
      bar.end('failed', (error as Error).message);
      throw error;
    }
    if (reports.length) display(windowsTable(reports));
    const alerts = reports.flatMap((w) => w.alerts).length;
    const checked = reports.length
      ? `the ${counted(reports.length, 'window')} checked, with their ${counted(alerts, 'alert')}, are in the table above`
      : 'no window was checked';
    throw bar.cancelled(
      `${checked}; the other ${counted(count - reports.length, 'window')} were not checked; ${afterwards}`,
    );
  }
}

function windowsTable(reports: WindowReport[]) {
  return aqFrom(
    reports.map((w) => ({
      window: w.index,
      start: new Date(w.start),
      requests: w.requests,
      drifted_inputs: w.drift.numberOfDriftedColumns,
      dataset_drift: w.drift.datasetDrift,
      prediction_drift: w.predictionDrift?.drifted ?? null,
      labelled: w.performance?.labelled ?? 0,
      mae: w.performance?.mae ?? null,
      p95_ms: w.latency.p95Ms,
      error_rate: w.errorRate,
      alerts: w.alerts.map((a) => a.kind).join(', '),
    })),
  );
}

defineLabNamespace('monitoring', (ctx) => ({
  /** A seeded drift scenario of a dataset, stored as a new data version with lineage. */
  async scenario(source: string, options: ScenarioOptions) {
    const { catalog } = labServices();
    const { version, table } = await catalog.load(source);
    const result = driftScenario(table, { ...options, source: version.id });
    const saved = await catalog.save(`${version.name}-${options.scenario}`, result.table, {
      parents: [version.id],
      transform: result.transform,
    });
    return { version: saved, ref: saved.id, groundTruth: result.groundTruth };
  },
  /** Drift scenarios of unknown kind (shuffled by a seed kept out of the cell), for exercises. */
  mystery: (source: string, options: MysteryOptions) => mysteryScenarios(source, options),
  /** Column-by-column drift with evidently's default tests (every choice overridable). */
  async drift(reference: unknown, current: unknown, options: DriftOptions = {}) {
    return driftWithBar(ctx.display, await frameOf(reference), await frameOf(current), options);
  },
  driftTable,
  /** Monitors an endpoint's traffic in windows: drift, prediction drift, delayed-label performance, alerts. */
  async monitor(endpoint: string, options: WindowsOptions = {}) {
    const { s, count, windows } = await windowsOf(endpoint, options);
    const bar = new LiveProgress(
      ctx.display,
      `Monitoring "${endpoint}": ${counted(count, 'window')} of ${options.windowSize ?? 100} requests`,
      count,
      'windows',
      count >= MANY_WINDOWS ? 0 : SHOW_AFTER_MS,
    );
    const reports = await checkWindows(
      ctx.display,
      bar,
      windows,
      count,
      (checked) => bar.step(checked.length),
      'the request log is unchanged',
    );
    bar.end('done', null);
    const alerts = reports.flatMap((w) => w.alerts);
    return {
      reports,
      windows: windowsTable(reports),
      alerts: aqFrom(
        alerts.map((a) => ({
          window: a.window,
          at: new Date(a.at),
          kind: a.kind,
          family: a.family,
          message: a.message,
        })),
      ),
      referenceMae: s.reference.mae,
      reference: s.reference.source,
    };
  },
  /**
   * Closing the loop: when a monitored window raises a trigger alert, retrain on the
   * recent labelled requests, test, canary and promote — each step shown on a DAG.
   */
  async closeLoop(endpoint: string, options: LoopOptions & Omit<WindowsOptions, 'asOf' | 'since'>) {
    const control = await cellControl(ctx.source);
    const { count, windows } = await windowsOf(endpoint, options);
    // One bar over the loop's steps; while monitoring, its note counts the windows.
    // Not the DAG's title: the bar and the chart are two outputs of the cell.
    const bar = new LiveProgress(
      ctx.display,
      `Closing the loop on "${endpoint}"`,
      LOOP_STEPS.length,
      'steps',
      SHOW_AFTER_MS,
    );
    const reports = await checkWindows(
      ctx.display,
      bar,
      windows,
      count,
      (checked) => bar.step(0, `monitor: ${checked.length} of ${count} windows`),
      'retraining was not started and nothing was stored',
    );
    const steps = new Map<string, DagStep>();
    try {
      const outcome = await closeLoop(
        endpoint,
        reports,
        options,
        { control, source: ctx.source, signal: bar.cancelSignal },
        (step) => {
          steps.set(step.step, step);
          bar.step(steps.size, `${step.step}: ${step.status}`);
        },
      );
      bar.end('done', null);
      return { ...outcome, dag: dagChart(outcome.steps, `Continuous training of "${endpoint}"`) };
    } catch (error) {
      if (!(bar.cancelSignal.aborted && error instanceof LabError && error.code === 'cancelled')) {
        bar.end('failed', (error as Error).message);
        throw error;
      }
      ctx.display(
        dagChart([...steps.values()], `Continuous training of "${endpoint}" (cancelled)`),
      );
      throw bar.cancelled(`the steps done are in the chart above; ${error.message}`);
    }
  },
  /** Labelled served requests as a new data version (inputs + label): recent data to retrain on. */
  async recentData(endpoint: string, options: { since?: number; name?: string } = {}) {
    const s = await served(endpoint);
    const records = await labServices().serving.requests(
      endpoint,
      options.since === undefined ? {} : { since: options.since },
    );
    const target = s.predictor.signature.outputs[0]!.name;
    const table = labelledTable(records, s.predictor.signature.inputs, target);
    if (table.rowCount === 0)
      throw new LabError(
        'no-labels',
        `No labelled requests on "${endpoint}" yet: labels must come back first.`,
      );
    return labServices().catalog.save(
      options.name ?? recentDataName(endpoint),
      table,
      recentDataLineage({
        endpoint,
        model: s.model,
        version: s.version,
        datasetVersion: s.predictor.version?.datasetVersion ?? null,
        since: options.since ?? null,
        rows: table.rowCount,
      }),
    );
  },
}));
