import { lttbIndices } from './compare-lttb';
import type { MetricAxis } from './metric-axis';
import type { MetricColumns } from './types';

/** One run's history of one metric, in columns: what a chart of hundreds of runs draws from. */
export interface MetricSeries {
  runId: string;
  run: string;
  steps: Float64Array;
  values: Float64Array;
  timestamps: Float64Array;
}

/**
 * Each run's history (columns, ascending steps, as the store returns them) downsampled with LTTB
 * to at most `maxPoints` (the chart's width in pixels: a line cannot show more), skipping
 * non-finite values a chart cannot place, and runs left with none.
 */
export function metricSeries(
  histories: MetricColumns[],
  runs: readonly { id: string; name: string }[],
  maxPoints: number,
): MetricSeries[] {
  const names = new Map(runs.map((r) => [r.id, r.name]));
  const out: MetricSeries[] = [];
  for (const h of histories) {
    const finite = h.values.every(Number.isFinite) ? h : finiteOnly(h);
    if (finite.steps.length === 0) continue;
    const steps = Float64Array.from(finite.steps);
    const values = Float64Array.from(finite.values);
    const keep = lttbIndices(steps, values, maxPoints);
    const all = keep.length === steps.length;
    out.push({
      runId: h.runId,
      run: names.get(h.runId) ?? h.runId,
      steps: all ? steps : Float64Array.from(keep, (i) => steps[i]!),
      values: all ? values : Float64Array.from(keep, (i) => values[i]!),
      timestamps: Float64Array.from(keep, (i) => finite.timestamps[i]!),
    });
  }
  return out;
}

/** The columns of `h` where its value is finite. */
function finiteOnly(h: MetricColumns): Pick<MetricColumns, 'steps' | 'values' | 'timestamps'> {
  const at = h.values.flatMap((v, i) => (Number.isFinite(v) ? [i] : []));
  return {
    steps: at.map((i) => h.steps[i]!),
    values: at.map((i) => h.values[i]!),
    timestamps: at.map((i) => h.timestamps[i]!),
  };
}

/** A series' x values on `axis` (as metric-axis.ts's onAxis: relative time from its own start). */
export function seriesX(series: MetricSeries, axis: MetricAxis): Float64Array {
  if (axis === 'step') return series.steps;
  if (axis === 'wall') return series.timestamps;
  const start = series.timestamps[0] ?? 0;
  return series.timestamps.map((t) => (t - start) / 1000);
}

/** [min, max] over every series' values, or null when there is none. */
export function valueExtent(series: MetricSeries[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    for (const v of s.values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * An SVG path through the points, mapped to pixels by `x` and `y` (a chart's scales), to a tenth
 * of a pixel: the string is what the page builds for each of hundreds of runs, so it stays short.
 */
export function linePath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  x: (v: number) => number,
  y: (v: number) => number,
): string {
  let d = '';
  // Rounding by hand: toFixed was a third of the time of drawing 500 runs.
  for (let i = 0; i < xs.length; i++)
    d += `${i ? 'L' : 'M'}${Math.round(x(xs[i]!) * 10) / 10},${Math.round(y(ys[i]!) * 10) / 10}`;
  return d;
}
