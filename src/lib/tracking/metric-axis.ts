import type { MetricPoint } from './types';

/** What a metric chart's x axis measures: the three choices MLflow's charts offer. */
export const METRIC_AXES = {
  step: 'Step',
  relative: 'Time (relative)',
  wall: 'Time (wall clock)',
} as const;
export type MetricAxis = keyof typeof METRIC_AXES;

export const AXIS_LABELS: Record<MetricAxis, string> = {
  step: 'step',
  relative: 'seconds since the run’s first value',
  wall: 'time logged',
};

/**
 * Each point with its x value on `axis`. Relative time counts from each run's own first point, so
 * runs started hours apart line up and a slow run stands out as a stretched curve.
 */
export function onAxis<P extends MetricPoint>(
  points: P[],
  axis: MetricAxis,
): (P & { x: number | Date })[] {
  if (axis === 'step') return points.map((p) => ({ ...p, x: p.step }));
  if (axis === 'wall') return points.map((p) => ({ ...p, x: new Date(p.timestamp) }));
  const first = new Map<string, number>();
  for (const p of points) first.set(p.runId, Math.min(first.get(p.runId) ?? Infinity, p.timestamp));
  return points.map((p) => ({ ...p, x: (p.timestamp - first.get(p.runId)!) / 1000 }));
}
