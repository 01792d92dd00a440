import { describe, expect, it } from 'vitest';
import { onAxis } from '../../../src/lib/tracking';

const point = (runId: string, step: number, timestamp: number) => ({
  runId,
  key: 'loss',
  step,
  value: 1 / (step + 1),
  timestamp,
});

describe('metric chart axes', () => {
  const points = [
    point('a', 0, 10_000),
    point('a', 1, 12_500),
    point('b', 0, 900_000),
    point('b', 5, 903_000),
  ];

  it('places points by step, or by the wall-clock time they were logged', () => {
    expect(onAxis(points, 'step').map((p) => p.x)).toEqual([0, 1, 0, 5]);
    expect(onAxis(points, 'wall').map((p) => (p.x as Date).getTime())).toEqual([
      10_000, 12_500, 900_000, 903_000,
    ]);
  });

  it('counts relative time in seconds from each run’s own first point', () => {
    expect(onAxis(points, 'relative').map((p) => p.x)).toEqual([0, 2.5, 0, 3]);
    // Points out of order still count from the run's earliest one.
    expect(onAxis([points[1]!, points[0]!], 'relative').map((p) => p.x)).toEqual([2.5, 0]);
  });
});
