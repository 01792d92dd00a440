import { mae, rmse } from '../../metrics';
import type { Frame, InputColumn } from '../../features/frame';
import { frameFromRows } from '../../features/frame';
import type { RequestRecord } from '../../serving/endpoint';
import { statsOf } from '../../serving/stats';
import { detectDrift, type ColumnDrift, type DriftOptions, type DriftReport } from '../detect';
import { alertRulesSchema, type Alert, type AlertRulesInput } from './alerts';

const NO_DRIFT: DriftReport = {
  columns: [],
  numberOfColumns: 0,
  numberOfDriftedColumns: 0,
  shareOfDriftedColumns: 0,
  driftShare: 0.5,
  datasetDrift: false,
  correction: 'none',
};

/** What "normal" looks like: the training inputs, the model's predictions on them, its error. */
export interface Reference {
  frame: Frame;
  predictions: Float64Array;
  /**
   * The performance baseline: the model's MAE on its held-out test rows when the split is known,
   * else on every row of the data version (training rows included, so optimistic).
   */
  mae: number;
}

export interface MonitorOptions {
  inputs: readonly InputColumn[];
  /** Requests per window. */
  windowSize: number;
  /** Requests between window starts: smaller than windowSize makes windows slide and overlap. */
  step?: number;
  /** Labels count only once they have arrived by this time (epoch ms): delayed ground truth. */
  asOf: number;
  drift?: DriftOptions;
  alerts?: AlertRulesInput;
}

export interface WindowReport {
  index: number;
  start: number;
  end: number;
  requests: number;
  /** Input drift of the answered requests (no columns when none was answered). */
  drift: DriftReport;
  /** Null when no request of the window was answered. */
  predictionDrift: ColumnDrift | null;
  meanPrediction: number | null;
  /** Labels known by `asOf`, also below `minLabelled`. */
  labelsKnown: number;
  /** Against the labels that had arrived by `asOf`; null before `minLabelled` of them. */
  performance: { labelled: number; mae: number; rmse: number } | null;
  latency: { p50Ms: number; p95Ms: number };
  errorRate: number;
  /** Requests per second over the window's time span (the Serving page's definition). */
  throughput: number;
  alerts: Alert[];
}

/** The requests a monitor watches: one-row synchronous ones, no shadow copies, no batches. */
export function monitoredRequests(records: readonly RequestRecord[]) {
  return records.filter((r) => r.shadowOf === null && r.rows === 1 && r.pattern === 'sync');
}

/**
 * Monitoring of served traffic, window by window: input drift per feature against the
 * reference, prediction drift, performance on the labels known at `asOf`, latency and errors,
 * and the alerts each raises. Drift needs no labels; performance does — so concept drift (same
 * inputs, different truth) only shows in the performance rows, and only once labels arrive.
 */
export function monitorTraffic(
  reference: Reference,
  records: readonly RequestRecord[],
  options: MonitorOptions,
): WindowReport[] {
  return [...monitorWindows(reference, records, options).windows];
}

/**
 * `monitorTraffic` a window at a time, for a caller that shows progress and can stop between
 * windows: the options are checked at once, `count` is the number of windows there will be.
 */
export function monitorWindows(
  reference: Reference,
  records: readonly RequestRecord[],
  options: MonitorOptions,
): { count: number; windows: Generator<WindowReport, void, void> } {
  const rules = alertRulesSchema.parse(options.alerts ?? {});
  const step = options.step ?? options.windowSize;
  if (!(Number.isInteger(options.windowSize) && options.windowSize >= 2))
    throw new RangeError(
      `windowSize must be a whole number of requests, 2 or more (got ${options.windowSize}).`,
    );
  if (!(Number.isInteger(step) && step >= 1 && step <= options.windowSize))
    throw new RangeError(
      `step must be a whole number from 1 to windowSize (${options.windowSize}), got ${step}.`,
    );
  const all = monitoredRequests(records);
  const count =
    all.length < options.windowSize ? 0 : Math.floor((all.length - options.windowSize) / step) + 1;
  return { count, windows: windowReports(reference, all, options, rules, step) };
}

function* windowReports(
  reference: Reference,
  all: readonly RequestRecord[],
  options: MonitorOptions,
  rules: ReturnType<typeof alertRulesSchema.parse>,
  step: number,
): Generator<WindowReport, void, void> {
  const names = options.inputs.map((c) => c.name);
  for (let start = 0, index = 0; start + options.windowSize <= all.length; start += step, index++) {
    const window = all.slice(start, start + options.windowSize);
    const ok = window.filter((r) => r.status === 200);
    const current = frameFromRows(
      ok.map((r) => r.inputs[0]!),
      [...options.inputs],
    );
    const answered = Float64Array.from(ok, (r) => r.predictions[0]!);
    // A window where every request failed has no inputs to test: only its errors speak.
    const drift: DriftReport = ok.length
      ? detectDrift(reference.frame, current, { ...options.drift, columns: names })
      : { ...NO_DRIFT, driftShare: options.drift?.driftShare ?? 0.5 };
    const predictionDrift = ok.length
      ? detectDrift({ prediction: reference.predictions }, { prediction: answered }).columns[0]!
      : null;
    const labelled = ok.filter(
      (r) => r.label !== null && r.labelAt !== null && r.labelAt <= options.asOf,
    );
    const truth = labelled.map((r) => r.label!);
    const guessed = labelled.map((r) => r.predictions[0]!);
    const performance =
      labelled.length >= rules.minLabelled
        ? { labelled: labelled.length, mae: mae(truth, guessed), rmse: rmse(truth, guessed) }
        : null;
    const end = window.at(-1)!.at;
    // The window's own span (not the Serving page's 1 s floor, made for its live buckets): 100
    // requests in 250 ms are 400 requests/s. Latency, errors and throughput as Serving defines them.
    const { p50Ms, p95Ms, errorRate, throughput } = statsOf(
      window,
      Math.max(1, end - window[0]!.at),
    )!;
    const alerts: Alert[] = [];
    const raise = (kind: Alert['kind'], family: Alert['family'], message: string) =>
      alerts.push({ window: index, at: end, kind, family, message });
    if (rules.datasetDrift && drift.datasetDrift)
      raise(
        'data-drift',
        'statistical',
        `${drift.numberOfDriftedColumns} of ${drift.numberOfColumns} inputs drifted (${drift.columns
          .filter((c) => c.drifted)
          .map((c) => c.column)
          .join(', ')})`,
      );
    if (rules.predictionDrift && predictionDrift?.drifted)
      raise(
        'prediction-drift',
        'statistical',
        `predictions drifted (${predictionDrift.label} ${predictionDrift.score.toPrecision(3)})`,
      );
    if (rules.maeRatio !== null && performance && performance.mae > reference.mae * rules.maeRatio)
      raise(
        'performance',
        'statistical',
        `MAE ${performance.mae.toFixed(2)} on ${performance.labelled} labels exceeds ${rules.maeRatio}× the reference ${reference.mae.toFixed(2)}`,
      );
    if (rules.p95Ms !== null && p95Ms > rules.p95Ms)
      raise(
        'latency',
        'computational',
        `latency p95 ${p95Ms.toFixed(1)} ms exceeds ${rules.p95Ms} ms`,
      );
    if (rules.errorRate !== null && errorRate > rules.errorRate)
      raise(
        'errors',
        'computational',
        `${(errorRate * 100).toFixed(1)} % of requests failed (limit ${rules.errorRate * 100} %)`,
      );
    if (rules.minThroughput !== null && throughput < rules.minThroughput)
      raise(
        'throughput',
        'computational',
        `${throughput.toFixed(1)} requests/s, below ${rules.minThroughput} requests/s`,
      );
    yield {
      index,
      start: window[0]!.at,
      end,
      requests: window.length,
      drift,
      predictionDrift,
      meanPrediction: ok.length ? answered.reduce((a, b) => a + b, 0) / ok.length : null,
      labelsKnown: labelled.length,
      performance,
      latency: { p50Ms, p95Ms },
      errorRate,
      throughput,
      alerts,
    };
  }
}
