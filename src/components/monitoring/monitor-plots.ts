import type { PlotModule } from '../charts/load-plot';
import type { AlertKind, AlertRules } from '../../lib/monitoring/traffic/alerts';
import type { MonitoredWindow, MonitorView } from '../../workers/monitoring.worker';

/** Drift and alerts red; calm windows slate; the reference near-black and dashed. */
export const DRIFT = '#b91c1c';
export const CALM = '#64748b';
const RULE = '#111827';
const UNKNOWN = '#e5e7eb';

const STYLE = { fontSize: '14px', overflow: 'visible' } as const;
const WIDTH = 480;
/** Up to this many windows, cells carry their numbers; beyond it they would not fit. */
const LABELLED_WINDOWS = 12;

/** Alert kinds as the tables name them. */
export const ALERT_NAMES: Record<AlertKind, string> = {
  'data-drift': 'data drift',
  'prediction-drift': 'prediction drift',
  performance: 'performance',
  latency: 'latency',
  errors: 'errors',
  throughput: 'throughput',
};

export const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Format of a drift score: p-values small, distances plain. */
export const scoreText = (score: number) =>
  score < 0.001 ? '<.001' : score < 1 ? score.toFixed(3).replace(/^0/, '') : score.toFixed(2);

/** Windows on a band scale, labelled by index (every k-th when many): charts line up. */
function xWindows(view: MonitorView) {
  const domain = view.windows.map((w) => w.index);
  const step = Math.ceil(domain.length / LABELLED_WINDOWS);
  return {
    type: 'band' as const,
    domain,
    ticks: domain.filter((d) => d % step === 0),
    label: 'window →',
    labelAnchor: 'right' as const,
    labelArrow: 'none' as const,
    padding: 0.15,
  };
}

/** Room on the right for the labels of the horizontal lines, clear of the data. */
const frame = (view: MonitorView, height = 230) => ({
  width: WIDTH,
  height,
  marginLeft: 56,
  marginTop: 28,
  marginBottom: 44,
  marginRight: 108,
  style: STYLE,
  x: xWindows(view),
});

/** A horizontal line (reference or alert threshold) with its label in the right margin. */
function line(Plot: PlotModule, y: number, text: string, colour: string, dash: string) {
  return [
    Plot.ruleY([y], { stroke: colour, strokeDasharray: dash, strokeWidth: 2 }),
    Plot.text([y], {
      y: (d: number) => d,
      frameAnchor: 'right',
      dx: 6,
      textAnchor: 'start',
      fill: colour,
      fontWeight: 600,
      fontSize: 13,
      text: () => text,
    }),
  ];
}

/** Share of the inputs that drifted per window, against the dataset-drift share. */
export function driftShareChart(Plot: PlotModule, view: MonitorView): Element {
  const rows = view.windows.map((w) => ({ ...w, share: w.shareOfDriftedColumns * 100 }));
  return Plot.plot({
    ...frame(view),
    y: { label: '% of inputs drifted', domain: [0, 100], grid: true, ticks: 5 },
    marks: [
      Plot.barY(rows, {
        x: 'index',
        y: 'share',
        fill: (w: MonitoredWindow) => (w.datasetDrift ? DRIFT : CALM),
        title: (w: MonitoredWindow) =>
          `window ${w.index}: ${w.driftedInputs} of ${w.features.length} inputs drifted${w.datasetDrift ? ' — dataset drift' : ''}`,
      }),
      ...line(Plot, view.driftShare * 100, `drift ≥ ${pct(view.driftShare)}`, RULE, '6 4'),
      Plot.ruleY([0]),
    ],
  });
}

/** Feature × window, coloured by the score against its threshold; drifted cells outlined. */
export function driftHeatmap(Plot: PlotModule, view: MonitorView): Element {
  const cells = view.windows.flatMap((w) => w.features.map((f) => ({ window: w.index, ...f })));
  type Cell = (typeof cells)[number];
  const numbers = view.windows.length <= LABELLED_WINDOWS;
  return Plot.plot({
    ...frame(view, 60 + 30 * view.features.length),
    marginLeft: 64,
    marginRight: 16,
    marginBottom: 36,
    y: { domain: view.features, label: null },
    // Piecewise: greys below the threshold (1), a red ramp from it on.
    color: {
      type: 'linear',
      domain: [0, 0.999, 1, 3],
      range: ['#f8fafc', '#cbd5e1', '#fca5a5', '#7f1d1d'],
      clamp: true,
    },
    marks: [
      Plot.cell(cells, {
        x: 'window',
        y: 'column',
        fill: 'strength',
        inset: 1,
        stroke: (c: Cell) => (c.drifted ? RULE : 'none'),
        strokeWidth: 2,
        title: (c: Cell) =>
          `${c.column}, window ${c.window}: ${c.test} ${scoreText(c.score)} (threshold ${c.threshold}) — ${c.drifted ? 'drifted' : 'no drift'}`,
      }),
      ...(numbers
        ? [false, true].map((drifted) =>
            Plot.text(
              cells.filter((c) => c.drifted === drifted),
              {
                x: 'window',
                y: 'column',
                text: (c: Cell) => scoreText(c.score),
                fill: (c: Cell) => (c.strength > 1.8 ? 'white' : RULE),
                fontWeight: drifted ? 700 : 400,
                fontSize: 12,
              },
            ),
          )
        : []),
    ],
  });
}

/** Mean prediction per window against the reference's; red where the predictions drifted. */
export function predictionChart(Plot: PlotModule, view: MonitorView): Element {
  const rows = view.windows.filter((w) => w.meanPrediction !== null);
  const reference = view.reference.meanPrediction;
  const values = [reference, ...rows.map((w) => w.meanPrediction!)];
  return Plot.plot({
    ...frame(view),
    y: {
      label: 'mean prediction',
      grid: true,
      ticks: 5,
      nice: true,
      domain: [Math.min(...values) * 0.9, Math.max(...values) * 1.1],
    },
    marks: [
      ...line(Plot, reference, `ref ${reference.toFixed(1)}`, RULE, '6 4'),
      Plot.lineY(rows, { x: 'index', y: 'meanPrediction', stroke: CALM, strokeWidth: 2 }),
      Plot.dot(rows, {
        x: 'index',
        y: 'meanPrediction',
        r: 6,
        stroke: (w: MonitoredWindow) => (w.prediction?.drifted ? DRIFT : CALM),
        fill: (w: MonitoredWindow) => (w.prediction?.drifted ? DRIFT : 'white'),
        strokeWidth: 2.5,
        title: (w: MonitoredWindow) =>
          `window ${w.index}: mean ${w.meanPrediction!.toFixed(1)}; ${w.prediction?.test ?? ''} ${w.prediction ? scoreText(w.prediction.score) : ''} — ${w.prediction?.drifted ? 'predictions drifted' : 'no drift'}`,
      }),
    ],
  });
}

/** MAE on the labels known so far, against the reference MAE and the alert line. */
export function maeChart(Plot: PlotModule, view: MonitorView): Element {
  const judged = view.windows.filter((w) => w.performance !== null);
  const waiting = view.windows.filter((w) => w.performance === null);
  const ratio = view.rules.maeRatio;
  const limit = ratio === null ? null : view.reference.mae * ratio;
  const top =
    Math.max(view.reference.mae, limit ?? 0, ...judged.map((w) => w.performance!.mae)) * 1.15;
  const mae = (w: MonitoredWindow) => w.performance!.mae;
  return Plot.plot({
    ...frame(view),
    y: { label: 'MAE on labelled requests', grid: true, ticks: 5, domain: [0, top], nice: true },
    marks: [
      Plot.cell(waiting, {
        x: 'index',
        fill: UNKNOWN,
        title: (w: MonitoredWindow) =>
          `window ${w.index}: ${w.labelled} of ${view.rules.minLabelled} labels needed so far — performance unknown`,
      }),
      ...(view.windows.length <= LABELLED_WINDOWS
        ? [
            Plot.text(waiting, {
              x: 'index',
              frameAnchor: 'bottom',
              dy: -6,
              lineAnchor: 'bottom',
              text: () => 'no\nlabels\nyet',
              fill: '#374151',
              fontSize: 12,
              lineHeight: 1.15,
            }),
          ]
        : []),
      ...line(Plot, view.reference.mae, `ref ${view.reference.mae.toFixed(1)}`, RULE, '6 4'),
      ...(limit === null ? [] : line(Plot, limit, `alert ${limit.toFixed(1)}`, DRIFT, '2 3')),
      Plot.lineY(judged, { x: 'index', y: mae, stroke: CALM, strokeWidth: 2 }),
      Plot.dot(judged, {
        x: 'index',
        y: mae,
        r: 6,
        fill: (w: MonitoredWindow) => (limit !== null && mae(w) > limit ? DRIFT : CALM),
        title: (w: MonitoredWindow) =>
          `window ${w.index}: MAE ${mae(w).toFixed(1)} on ${w.performance!.labelled} labels`,
      }),
    ],
  });
}

/** What a service chart draws; `below`: the alert is for values under the line, not over it. */
export interface ServiceSpec {
  label: string;
  y: (w: MonitoredWindow) => number;
  limit: number | null;
  unit: string;
  below?: boolean;
}

export const throughputSpec = (rules: AlertRules): ServiceSpec => ({
  label: 'requests per second',
  y: (w) => w.throughput,
  limit: rules.minThroughput,
  below: true,
  unit: 'req/s',
});

export const latencySpec = (rules: AlertRules): ServiceSpec => ({
  label: 'p95 latency (ms)',
  y: (w) => w.latency.p95Ms,
  limit: rules.p95Ms,
  unit: 'ms',
});

export const errorRateSpec = (rules: AlertRules): ServiceSpec => ({
  label: '% of requests failed',
  y: (w) => w.errorRate * 100,
  limit: rules.errorRate === null ? null : rules.errorRate * 100,
  unit: '%',
});

/** A computational figure per window (throughput, latency p95, error rate) with its alert line. */
export function serviceChart(Plot: PlotModule, view: MonitorView, spec: ServiceSpec): Element {
  const rows = view.windows.map((w) => ({ index: w.index, y: spec.y(w) }));
  const top = Math.max(spec.limit ?? 0, ...rows.map((r) => r.y)) * 1.15 || 1;
  const alarming = (y: number) =>
    spec.limit !== null && (spec.below ? y < spec.limit : y > spec.limit);
  return Plot.plot({
    ...frame(view),
    y: { label: spec.label, grid: true, ticks: 5, domain: [0, top], nice: true },
    marks: [
      Plot.barY(rows, {
        x: 'index',
        y: 'y',
        fill: (r: { y: number }) => (alarming(r.y) ? DRIFT : CALM),
        title: (r: { index: number; y: number }) =>
          `window ${r.index}: ${r.y.toFixed(1)} ${spec.unit}`,
      }),
      ...(spec.limit === null
        ? []
        : line(Plot, spec.limit, `alert ${spec.limit} ${spec.unit}`, DRIFT, '2 3')),
      Plot.ruleY([0]),
    ],
  });
}
