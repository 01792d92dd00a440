import { describe, expect, it } from 'vitest';
import {
  BOX_SPAN,
  boxedPaths,
  boxTransform,
  pathBox,
} from '../../../src/lib/tracking/compare-paths';
import { metricSeries } from '../../../src/lib/tracking/compare-series';
import type { MetricColumns } from '../../../src/lib/tracking';

const points = (runId: string, values: number[], start = 1000): MetricColumns => ({
  runId,
  key: 'loss',
  steps: values.map((_, step) => step),
  values,
  timestamps: values.map((_, step) => start + step * 500),
});

/** Where a box path's points land after `transform` (translate then scale), as a browser draws. */
function placed(d: string, transform: string): [number, number][] {
  const [tx, ty, kx, ky] = /translate\((.+),(.+)\) scale\((.+),(.+)\)/
    .exec(transform)!
    .slice(1)
    .map(Number) as [number, number, number, number];
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [
    tx + Number(m[1]) * kx,
    ty + Number(m[2]) * ky,
  ]);
}

describe('paths of many runs in one box', () => {
  // A chart's scales: x from [0, 4] onto 70..710 px, y from [-1, 3] onto 300..20 px (y down).
  const x = (v: number) => 70 + (v / 4) * 640;
  const y = (v: number) => 300 - ((v + 1) / 4) * 280;

  it('places every point where the chart’s scales would, to a tenth of a pixel', () => {
    const series = metricSeries([points('a', [3, 1, 0, -1, 2]), points('b', [0.5, 0.25])], [], 720);
    const boxed = boxedPaths(series, 'step')!;
    expect(boxed.box).toEqual({ x0: 0, dx: 4, y0: -1, dy: 4 });
    const transform = boxTransform(boxed.box, x, y);
    series.forEach((s, i) => {
      const want = [...s.steps].map((step, j) => [x(step), y(s.values[j]!)]);
      const got = placed(boxed.d[i]!, transform);
      expect(got).toHaveLength(want.length);
      got.forEach(([gx, gy], j) => {
        expect(Math.abs(gx - want[j]![0]!)).toBeLessThan(0.1);
        expect(Math.abs(gy - want[j]![1]!)).toBeLessThan(0.1);
      });
    });
    // The box's corners are its span apart, whatever the data's units.
    expect(boxed.d[0]!.startsWith(`M0,${BOX_SPAN}`)).toBe(true);
  });

  it('spans relative time from each run’s own start, and wall-clock time', () => {
    const series = metricSeries([points('a', [1, 2, 3]), points('b', [1, 2], 60_000)], [], 720);
    expect(pathBox(series, 'relative')).toEqual({ x0: 0, dx: 1, y0: 1, dy: 2 });
    expect(pathBox(series, 'wall')).toEqual({ x0: 1000, dx: 59_500, y0: 1, dy: 2 });
  });

  it('gives a flat or one-step history a box of its own size 1, and none to no series', () => {
    const [flat] = metricSeries([points('a', [2])], [], 720);
    expect(pathBox([flat!], 'step')).toEqual({ x0: 0, dx: 1, y0: 2, dy: 1 });
    expect(boxedPaths([flat!], 'step')!.d).toEqual(['M0,0']);
    expect(pathBox([], 'step')).toBeNull();
    expect(boxedPaths([], 'wall')).toBeNull();
  });
});
