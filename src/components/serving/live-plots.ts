import type { PlotModule } from '../charts/load-plot';
import type { RectYOptions } from '@observablehq/plot';
import type { SeriesPoint } from '../../lib/serving';

/**
 * A variant's colour says its role: the incumbent (stable, champion) blue, the canary amber,
 * blue and green as named, the challenger purple, a single version slate.
 */
const ROLE_COLOURS: Record<string, string> = {
  single: '#475569',
  stable: '#1d4ed8',
  champion: '#1d4ed8',
  blue: '#2563eb',
  green: '#059669',
  canary: '#d97706',
  challenger: '#9333ea',
};
const SPARE = ['#0e7490', '#be185d', '#4d7c0f', '#6d28d9', '#92400e'];

export const seriesLabel = (variant: string | null, version: number | null) =>
  `${variant ?? 'none'} v${version ?? '?'}`;

/** One colour per series label, by role; a second series of the same role gets a spare colour. */
export function colours(labels: readonly string[]): { domain: string[]; range: string[] } {
  const domain = [...new Set(labels)].sort();
  const used = new Set<string>();
  let spare = 0;
  const range = domain.map((label) => {
    let colour = ROLE_COLOURS[label.split(' ')[0]!] ?? SPARE[spare++ % SPARE.length]!;
    if (used.has(colour)) colour = SPARE[spare++ % SPARE.length]!;
    used.add(colour);
    return colour;
  });
  return { domain, range };
}

export interface LineSpec {
  /** The figure's value for one bucket of one variant; null leaves the bucket out. */
  y: (p: SeriesPoint) => number | null;
  label: string;
  /** A second, dashed line (e.g. p95 beside p50). */
  dashed?: (p: SeriesPoint) => number | null;
  /** The y axis reaches at least this high, so a flat zero line still reads as "none". */
  atLeast?: number;
}

/** The live charts of an endpoint page, in order; `when` leaves out a chart with nothing to draw. */
export const LIVE_LINES: (LineSpec & {
  title: string;
  description: string;
  when?: (data: { labelled: boolean; shadowed: boolean }) => boolean;
})[] = [
  {
    title: 'Throughput',
    label: 'requests/s',
    description: 'requests per second per variant over the last minute',
    y: (p) => p.throughput,
  },
  {
    title: 'Latency: p50 solid, p95 dashed',
    label: 'ms',
    description: 'median and 95th-percentile time to answer per variant',
    y: (p) => p.p50Ms,
    dashed: (p) => p.p95Ms,
  },
  {
    title: 'Error rate',
    label: '% of requests',
    description: 'share of requests answered with a 5xx status per variant',
    y: (p) => p.errorRate * 100,
    atLeast: 10,
  },
  {
    title: 'Mean prediction',
    label: 'prediction',
    description: 'mean answer per variant',
    y: (p) => (Number.isFinite(p.meanPrediction) ? p.meanPrediction : null),
  },
  {
    title: 'MAE against labels',
    label: 'mean |error|',
    description: 'mean absolute error of requests whose label has arrived, by request time',
    y: (p) => p.mae,
    when: (d) => d.labelled,
  },
  {
    title: 'Shadow disagreement',
    label: '|champion − challenger|',
    description: 'mean difference between the answer and the shadow’s',
    y: (p) => p.meanDisagreement,
    when: (d) => d.shadowed,
  },
];

const STYLE = { fontSize: '14px', overflow: 'visible' } as const;

/** A per-variant line over the last `windowMs`, one point per bucket. */
export function lineChart(
  Plot: PlotModule,
  series: readonly SeriesPoint[],
  spec: LineSpec,
  scale: { domain: string[]; range: string[] },
  windowMs: number,
): Element {
  const now = Date.now();
  const points = (y: (p: SeriesPoint) => number | null) =>
    series.flatMap((p) => {
      const v = y(p);
      return v === null || !Number.isFinite(v)
        ? []
        : [{ t: new Date(p.t), y: v, series: seriesLabel(p.variant, p.version) }];
    });
  const solid = points(spec.y);
  const dashed = spec.dashed ? points(spec.dashed) : [];
  const top = Math.max(spec.atLeast ?? 1, ...solid.map((p) => p.y), ...dashed.map((p) => p.y));
  return Plot.plot({
    width: 480,
    height: 220,
    marginLeft: 56,
    marginTop: 28,
    marginBottom: 44,
    style: STYLE,
    x: { type: 'time', domain: [new Date(now - windowMs), new Date(now)], label: null, ticks: 4 },
    y: { label: spec.label, grid: true, domain: [0, top], nice: true, ticks: 5 },
    color: scale,
    marks: [
      // z given: with few points per series Plot would otherwise warn of "high cardinality".
      Plot.lineY(solid, { x: 't', y: 'y', z: 'series', stroke: 'series', strokeWidth: 2.5 }),
      Plot.dot(solid, { x: 't', y: 'y', fill: 'series', r: 2.5 }),
      ...(dashed.length
        ? [
            Plot.lineY(dashed, {
              x: 't',
              y: 'y',
              stroke: 'series',
              strokeDasharray: '5 4',
              strokeWidth: 2,
            }),
          ]
        : []),
    ],
  });
}

/** The recent predictions' distribution, one row per variant. */
export function histogram(
  Plot: PlotModule,
  predictions: readonly { variant: string; prediction: number }[],
  scale: { domain: string[]; range: string[] },
): Element {
  const rows = new Set(predictions.map((p) => p.variant)).size;
  return Plot.plot({
    width: 480,
    height: 70 + 80 * Math.max(1, rows),
    marginLeft: 56,
    marginRight: 130,
    style: STYLE,
    x: { label: 'prediction' },
    y: { label: 'requests', grid: true, ticks: 3 },
    fy: { label: null, padding: 0.25 },
    color: scale,
    facet: { data: predictions, y: 'variant' },
    marks: [
      Plot.rectY(
        predictions,
        Plot.binX<RectYOptions>(
          { y: 'count' },
          { x: 'prediction', fill: 'variant', thresholds: 20 },
        ),
      ),
      Plot.ruleY([0]),
    ],
  });
}
