import { describe, expect, it } from 'vitest';
import { downsample } from '../../../src/lib/tracking';

const series = (runId: string, n: number, f: (i: number) => number) =>
  Array.from({ length: n }, (_, step) => ({
    runId,
    key: 'loss',
    step,
    value: f(step),
    timestamp: step,
  }));

describe('metric downsampling for charts', () => {
  it('keeps short histories whole and cuts 10,000 steps to a few points per bucket, spikes kept', () => {
    const short = series('a', 500, (i) => i);
    expect(downsample(short, 400)).toHaveLength(500);
    const long = series('b', 10_000, (i) => (i === 5_123 ? 99 : 1 / (i + 1)));
    const kept = downsample(long, 400);
    expect(kept.length).toBeLessThanOrEqual(1600);
    expect(kept.length).toBeGreaterThan(400);
    expect(kept.find((p) => p.value === 99)?.step).toBe(5_123);
    expect(kept[0]!.step).toBe(0);
    expect(kept.at(-1)!.step).toBe(9_999);
    expect(kept.map((p) => p.step)).toEqual([...kept.map((p) => p.step)].sort((x, y) => x - y));
  });

  it('downsamples each run on its own', () => {
    const points = [...series('a', 5000, (i) => i), ...series('b', 100, (i) => -i)];
    const kept = downsample(points, 100);
    expect(kept.filter((p) => p.runId === 'b')).toHaveLength(100);
    expect(kept.filter((p) => p.runId === 'a').length).toBeLessThanOrEqual(400);
  });
});
