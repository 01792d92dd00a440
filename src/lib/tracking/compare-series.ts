import { lttbIndices } from './compare-lttb';
import type { MetricAxis } from './metric-axis';
import type { MetricPoint } from './types';

/** One run's history of one metric, in columns: what a chart of hundreds of runs draws from. */
export interface MetricSeries {
  runId: string;
  run: string;
  steps: Float64Array;
  values: Float64Array;
  timestamps: Float64Array;
}

/**
 * Each run's points (ascending steps, one list per run as the store returns them) packed into
 * columns, downsampled with LTTB to at most `maxPoints` (the chart's width in pixels: a line
 * cannot show more), skipping non-finite values a chart cannot place.
 */
export function metricSeries(
  lists: MetricPoint[][],
  runs: readonly { id: string; name: string }[],
  maxPoints: number,
): MetricSeries[] {
  const names = new Map(runs.map((r) => [r.id, r.name]));
  const out: MetricSeries[] = [];
  for (const list of lists) {
    const finite = list.filter((p) => Number.isFinite(p.value));
    if (finite.length === 0) continue;
    const steps = Float64Array.from(finite, (p) => p.step);
    const values = Float64Array.from(finite, (p) => p.value);
    const keep = lttbIndices(steps, values, maxPoints);
    const runId = finite[0]!.runId;
    out.push({
      runId,
      run: names.get(runId) ?? runId,
      steps: keep.length === finite.length ? steps : Float64Array.from(keep, (i) => steps[i]!),
      values: keep.length === finite.length ? values : Float64Array.from(keep, (i) => values[i]!),
      timestamps: Float64Array.from(keep, (i) => finite[i]!.timestamp),
    });
  }
  return out;
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
