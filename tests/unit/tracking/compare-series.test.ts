import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { lttbIndices } from '../../../src/lib/tracking/compare-lttb';
import {
  linePath,
  metricSeries,
  seriesX,
  valueExtent,
} from '../../../src/lib/tracking/compare-series';
import { memoryTrackingPort, type MetricColumns } from '../../../src/lib/tracking';
import { columnPoints, pointColumns } from '../../../src/lib/tracking/metric-columns';
import { DB_NAME, dexieTrackingPort, openStore } from '../../../src/lib/store';

const points = (runId: string, values: number[], key = 'loss'): MetricColumns =>
  pointColumns(
    runId,
    key,
    values.map((value, step) => ({ runId, key, step, value, timestamp: 1000 + step * 500 })),
  );

describe('LTTB downsampling', () => {
  it('keeps every point of a line no longer than the threshold', () => {
    expect([...lttbIndices([0, 1, 2], [5, 6, 7], 3)]).toEqual([0, 1, 2]);
    expect([...lttbIndices([], [], 10)]).toEqual([]);
  });

  it('cuts a long line to the threshold, first and last kept, indices ascending', () => {
    const n = 10_000;
    const xs = Float64Array.from({ length: n }, (_, i) => i);
    const ys = Float64Array.from(xs, (i) => Math.sin(i / 300));
    const kept = lttbIndices(xs, ys, 700);
    expect(kept).toHaveLength(700);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(n - 1);
    for (let i = 1; i < kept.length; i++) expect(kept[i]).toBeGreaterThan(kept[i - 1]!);
  });

  it('keeps a one-step spike that min/max-less averaging would flatten', () => {
    const ys = Array.from({ length: 5000 }, (_, i) => (i === 2345 ? 50 : 1 / (i + 1)));
    const kept = lttbIndices(
      ys.map((_, i) => i),
      ys,
      100,
    );
    expect([...kept]).toContain(2345);
  });

  it('picks the largest triangle of each bucket (a hand-checked case)', () => {
    // Buckets of the middle points with threshold 4: [1,2] and [3,4]. From (0,0) to the next
    // bucket's mean (3.5, 0.5), point 2 (y=9) makes the larger triangle; then from it to the
    // last point (5,0), point 3 (y=-4) beats point 4 (y=5).
    const kept = lttbIndices([0, 1, 2, 3, 4, 5], [0, 1, 9, -4, 5, 0], 4);
    expect([...kept]).toEqual([0, 2, 3, 5]);
  });
});

describe('metric series for a chart of many runs', () => {
  it('packs each run’s history into columns with its name, downsampled to the width', () => {
    const names = [{ id: 'r1', name: 'trial 1' }];
    const long = points(
      'r2',
      Array.from({ length: 2000 }, (_, i) => 1 / (i + 1)),
    );
    const [short, cut] = metricSeries([points('r1', [3, 2, 1]), long], names, 720);
    expect(short).toMatchObject({ runId: 'r1', run: 'trial 1' });
    expect([...short!.steps]).toEqual([0, 1, 2]);
    expect([...short!.values]).toEqual([3, 2, 1]);
    expect([...short!.timestamps]).toEqual([1000, 1500, 2000]);
    expect(cut!.run).toBe('r2');
    expect(cut!.steps).toHaveLength(720);
    expect(cut!.values[0]).toBe(1);
    expect(cut!.steps.at(-1)).toBe(1999);
    // Each kept step keeps its own value and time.
    const i = 100;
    expect(cut!.values[i]).toBe(1 / (cut!.steps[i]! + 1));
    expect(cut!.timestamps[i]).toBe(1000 + cut!.steps[i]! * 500);
  });

  it('leaves out values a chart cannot place, and runs with none', () => {
    const series = metricSeries(
      [points('a', [1, NaN, Infinity, 2]), points('b', [NaN]), points('c', [])],
      [],
      720,
    );
    expect(series.map((s) => s.runId)).toEqual(['a']);
    expect([...series[0]!.values]).toEqual([1, 2]);
    expect([...series[0]!.steps]).toEqual([0, 3]);
  });

  it('gives x on steps, seconds from each run’s own start, or wall-clock time', () => {
    const [s] = metricSeries([points('a', [1, 2, 3])], [], 720);
    expect([...seriesX(s!, 'step')]).toEqual([0, 1, 2]);
    expect([...seriesX(s!, 'relative')]).toEqual([0, 0.5, 1]);
    expect([...seriesX(s!, 'wall')]).toEqual([1000, 1500, 2000]);
  });

  it('spans every series’ values; none for no series', () => {
    const series = metricSeries([points('a', [1, 5]), points('b', [-2, 3])], [], 720);
    expect(valueExtent(series)).toEqual([-2, 5]);
    expect(valueExtent([])).toBeNull();
  });

  it('builds an SVG path through the scaled points, to a tenth of a pixel', () => {
    expect(
      linePath(
        [0, 1, 2],
        [1, 0, 1],
        (x) => x * 10.04,
        (y) => 100 - y * 50,
      ),
    ).toBe('M0,50L10,100L20.1,50');
    expect(
      linePath(
        [],
        [],
        (x) => x,
        (y) => y,
      ),
    ).toBe('');
  });
});

describe('histories of many runs in one read', () => {
  afterEach(async () => {
    await Dexie.delete(DB_NAME);
  });

  const stored = [
    // Logged out of order: the read returns steps ascending.
    { runId: 'r1', key: 'loss', step: 2, value: 0.5, timestamp: 3 },
    { runId: 'r1', key: 'loss', step: 0, value: 2, timestamp: 1 },
    { runId: 'r1', key: 'loss', step: 1, value: 1, timestamp: 2 },
    { runId: 'r1', key: 'acc', step: 0, value: 0.9, timestamp: 1 },
    { runId: 'r2', key: 'loss', step: 0, value: 3, timestamp: 1 },
    // Neighbours of r1's loss in key order: another key that extends it, a run whose id does.
    { runId: 'r1', key: 'loss2', step: -1, value: 7, timestamp: 1 },
    { runId: 'r10', key: 'loss', step: 0, value: 8, timestamp: 1 },
  ];

  it('returns one step-sorted history per run, in the order asked, empty for a run without it', async () => {
    const db = await openStore();
    for (const port of [dexieTrackingPort(db), memoryTrackingPort()]) {
      await port.appendMetrics(stored);
      const histories = await port.metricHistories(['r2', 'r1', 'gone'], 'loss');
      const lists = histories.map(columnPoints);
      expect(lists.map((l) => l.map((p) => [p.runId, p.step, p.value]))).toEqual([
        [['r2', 0, 3]],
        [
          ['r1', 0, 2],
          ['r1', 1, 1],
          ['r1', 2, 0.5],
        ],
        [],
      ]);
      expect(histories[2]).toEqual({
        runId: 'gone',
        key: 'loss',
        steps: [],
        values: [],
        timestamps: [],
      });
      // The same as asking run by run.
      expect(lists[1]).toEqual(await port.metricHistory('r1', 'loss'));
      expect(await port.metricHistories([], 'loss')).toEqual([]);
    }
    db.close();
  });
});
