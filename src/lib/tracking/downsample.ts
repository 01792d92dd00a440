import type { MetricPoint } from './types';

/**
 * Keeps a long metric history chartable: per run, at most `buckets` buckets of steps, each
 * represented by its first, lowest, highest and last point, so spikes and the curve's shape
 * survive (what a 10,000-step loss curve needs) while a chart draws a few thousand points.
 */
export function downsample<P extends MetricPoint>(points: P[], buckets = 400): P[] {
  const byRun = new Map<string, P[]>();
  for (const p of points) {
    const list = byRun.get(p.runId);
    if (list) list.push(p);
    else byRun.set(p.runId, [p]);
  }
  const out: P[] = [];
  for (const list of byRun.values()) {
    if (list.length <= buckets * 4) {
      out.push(...list);
      continue;
    }
    list.sort((a, b) => a.step - b.step);
    const size = list.length / buckets;
    for (let b = 0; b < buckets; b++) {
      const slice = list.slice(Math.floor(b * size), Math.floor((b + 1) * size));
      if (slice.length === 0) continue;
      let lo = slice[0]!;
      let hi = slice[0]!;
      for (const p of slice) {
        if (p.value < lo.value) lo = p;
        if (p.value > hi.value) hi = p;
      }
      const keep = new Set([slice[0]!, lo, hi, slice.at(-1)!]);
      out.push(...[...keep].sort((x, y) => x.step - y.step));
    }
  }
  return out;
}
