import type { MetricPoint, Run } from './types';

const uniqueSorted = (keys: string[]) => [...new Set(keys)].sort();

/** Metric, parameter and tag names across runs: the columns of a run table. */
export const metricKeys = (runs: Run[]) =>
  uniqueSorted(runs.flatMap((r) => Object.keys(r.metrics)));
export const paramKeys = (runs: Run[]) => uniqueSorted(runs.flatMap((r) => Object.keys(r.params)));
export const tagKeys = (runs: Run[]) => uniqueSorted(runs.flatMap((r) => Object.keys(r.tags)));

/** Metric points labelled with their run's name, for one chart of several runs. */
export function labelPoints(runs: Run[], points: MetricPoint[]): (MetricPoint & { run: string })[] {
  const names = new Map(runs.map((r) => [r.id, r.name]));
  return points.map((p) => ({ ...p, run: names.get(p.runId) ?? p.runId }));
}

/** A metric value as run tables show it: four significant digits, one decimal from 1,000 up. */
export const formatMetric = (v: number | undefined) =>
  v === undefined ? '' : Math.abs(v) >= 1000 ? v.toFixed(1) : v.toPrecision(4);
