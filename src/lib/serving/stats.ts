import { mae } from '../metrics';
import { quantiles } from '../numeric/quantile';
import type { VariantName } from './deployment';
import { failedRequest, type RequestRecord } from './endpoint';
import { mean } from '../numeric/moments';

/** What the live charts and the canary guard read, for one variant over some requests. */
export interface VariantStats {
  variant: VariantName;
  version: number | null;
  requests: number;
  errors: number;
  errorRate: number;
  p50Ms: number;
  p95Ms: number;
  /** Requests per second over the span the records cover. */
  throughput: number;
  meanPrediction: number;
  labelled: number;
  /** Mean absolute error against the labels that have arrived (null before any). */
  mae: number | null;
  /** Mean |answer − shadow| where a shadow ran. */
  meanDisagreement: number | null;
}

export function statsOf(records: readonly RequestRecord[], spanMs?: number): VariantStats | null {
  const first = records[0];
  if (!first) return null;
  const errors = records.filter(failedRequest).length;
  const [p50 = NaN, p95 = NaN] = quantiles(
    records.map((r) => r.latencyMs),
    [0.5, 0.95],
  );
  const predictions = records.flatMap((r) => (r.status < 300 ? r.predictions : []));
  const labelled = records.filter((r) => r.label !== null && r.predictions.length === 1);
  const shadowed = records.filter((r) => r.disagreement !== null);
  const span = spanMs ?? Math.max(1000, records.at(-1)!.at - first.at);
  return {
    variant: first.variant ?? 'single',
    version: first.version,
    requests: records.length,
    errors,
    errorRate: errors / records.length,
    p50Ms: p50,
    p95Ms: p95,
    throughput: records.length / (span / 1000),
    meanPrediction: mean(predictions),
    labelled: labelled.length,
    mae: labelled.length
      ? mae(
          labelled.map((r) => r.label!),
          labelled.map((r) => r.predictions[0]!),
        )
      : null,
    meanDisagreement: shadowed.length
      ? shadowed.reduce((a, r) => a + r.disagreement!, 0) / shadowed.length
      : null,
  };
}

/** Records grouped by the variant that handled them (shadow copies count for the shadow). */
export function byVariant(records: readonly RequestRecord[]): Map<string, RequestRecord[]> {
  const groups = new Map<string, RequestRecord[]>();
  for (const r of records) {
    if (r.variant === null) continue;
    const key = `${r.variant}:v${r.version}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(r);
  }
  return groups;
}

export function variantStats(records: readonly RequestRecord[]): VariantStats[] {
  const span = records.length ? Math.max(1000, records.at(-1)!.at - records[0]!.at) : 1000;
  return [...byVariant(records).values()].map((group) => statsOf(group, span)!);
}

/** One point per variant per time bucket: the live charts' series. */
export interface SeriesPoint extends VariantStats {
  /** Bucket start (epoch ms). */
  t: number;
}

export function timeSeries(records: readonly RequestRecord[], bucketMs: number): SeriesPoint[] {
  const buckets = new Map<number, RequestRecord[]>();
  for (const r of records) {
    const t = Math.floor(r.at / bucketMs) * bucketMs;
    let bucket = buckets.get(t);
    if (!bucket) buckets.set(t, (bucket = []));
    bucket.push(r);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([t, bucket]) =>
      [...byVariant(bucket).values()].map((group) => ({ t, ...statsOf(group, bucketMs)! })),
    );
}
