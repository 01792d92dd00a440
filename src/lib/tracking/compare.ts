import { own } from './record';
import type { MetricPoint, Run } from './types';

/**
 * Each run's value at `step`: the last value logged at or before it (metrics are often logged
 * every few steps), or null when the run had logged nothing yet.
 */
export function valuesAtStep(
  points: MetricPoint[],
  step: number,
): Map<string, { step: number; value: number } | null> {
  const out = new Map<string, { step: number; value: number } | null>();
  for (const p of points) {
    if (!out.has(p.runId)) out.set(p.runId, null);
    const best = out.get(p.runId);
    if (p.step <= step && (!best || p.step > best.step))
      out.set(p.runId, { step: p.step, value: p.value });
  }
  return out;
}

export interface ParallelPoint {
  run: string;
  axis: string;
  /** The value placed on a 0–1 axis (min → 0, max → 1; categories in sorted order). */
  position: number;
  label: string;
}

/**
 * Parallel coordinates of parameters → a metric: one axis per parameter and one for the metric,
 * every run a line across them. Numeric parameters scale by their range; others are categories.
 */
export function parallelCoordinates(
  runs: Run[],
  params: string[],
  metric: string,
): ParallelPoint[] {
  const axes = [
    ...params.map((p) => ({ name: p, get: (r: Run) => own(r.params, p) })),
    {
      name: metric,
      get: (r: Run) => own(r.metrics, metric)?.value,
    },
  ];
  const points: ParallelPoint[] = [];
  for (const axis of axes) {
    const values = runs.map((r) => axis.get(r));
    const numeric = values.every((v) => v !== undefined && v !== '' && Number.isFinite(Number(v)));
    if (numeric) {
      const nums = values.map(Number);
      const lo = Math.min(...nums);
      const span = Math.max(...nums) - lo || 1;
      runs.forEach((r, i) =>
        points.push({
          run: r.name,
          axis: axis.name,
          position: (nums[i]! - lo) / span,
          // Five significant digits: 2900.0751304 reads as 2900.1.
          label: String(Number(nums[i]!.toPrecision(5))),
        }),
      );
    } else {
      const categories = [...new Set(values.map((v) => String(v ?? '—')))].sort();
      const step = categories.length > 1 ? 1 / (categories.length - 1) : 0;
      runs.forEach((r, i) => {
        const label = String(values[i] ?? '—');
        points.push({
          run: r.name,
          axis: axis.name,
          position: categories.indexOf(label) * step,
          label,
        });
      });
    }
  }
  return points;
}
