import { own } from './record';
import type { Run } from './types';

/**
 * The tag a lesson (or any tracked code) sets on its runs to name the metric that judges them,
 * e.g. `lab.tracking.startRun({ tags: { primary_metric: 'test_rmse' } })`.
 */
export const PRIMARY_METRIC_TAG = 'primary_metric';

/** Up to this many runs, the default chart overlays their histories; past it, bars of final values. */
export const FEW_RUNS = 10;

export type CompareChart = 'history' | 'final';

/** Why the metric was chosen, so the page can say it (a student wonders "why this one?"). */
export type PrimaryReason = 'tag' | 'sorted' | 'shared' | 'any';

/**
 * The metric to chart when a comparison opens, before anything is picked: the one the runs'
 * `primary_metric` tag names (when every run that has the metric agrees), else the metric the
 * table is sorted by, else the first metric every run logged (in the order the first run logged
 * them), else the first any run logged. `null` when no run logged a metric.
 */
export function primaryMetric(
  runs: Run[],
  orderBy = '',
): { key: string; reason: PrimaryReason } | null {
  const has = (key: string) => runs.some((r) => Object.hasOwn(r.metrics, key));
  const tagged = new Set(
    runs.map((r) => own(r.tags, PRIMARY_METRIC_TAG)).filter((t): t is string => !!t),
  );
  if (tagged.size === 1) {
    const key = [...tagged][0]!;
    if (has(key)) return { key, reason: 'tag' };
  }
  const sorted = /^metrics\.(.+?)(?:\s+(?:ASC|DESC))?$/i.exec(orderBy.trim())?.[1];
  if (sorted && has(sorted)) return { key: sorted, reason: 'sorted' };
  const first = runs[0];
  if (!first) return null;
  const shared = Object.keys(first.metrics).find((k) =>
    runs.every((r) => Object.hasOwn(r.metrics, k)),
  );
  if (shared !== undefined) return { key: shared, reason: 'shared' };
  const any = runs.flatMap((r) => Object.keys(r.metrics))[0];
  return any === undefined ? null : { key: any, reason: 'any' };
}

/** Few runs: their curves overlaid tell them apart; many: one bar each reads better than 500 lines. */
export const defaultChart = (runCount: number): CompareChart =>
  runCount <= FEW_RUNS ? 'history' : 'final';
