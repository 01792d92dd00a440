import type { MetricColumns, MetricPoint } from './types';

/** A history's points, in step order. */
export function columnPoints(history: MetricColumns): MetricPoint[] {
  return history.steps.map((step, i) => ({
    runId: history.runId,
    key: history.key,
    step,
    value: history.values[i]!,
    timestamp: history.timestamps[i]!,
  }));
}

/** Points of one run's metric (ascending steps) as columns. */
export function pointColumns(runId: string, key: string, points: MetricPoint[]): MetricColumns {
  return {
    runId,
    key,
    steps: points.map((p) => p.step),
    values: points.map((p) => p.value),
    timestamps: points.map((p) => p.timestamp),
  };
}
