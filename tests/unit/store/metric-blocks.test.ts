import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DB_NAME,
  dexieTrackingPort,
  exportWorkspace,
  importWorkspace,
  openDatabase,
  openStore,
} from '../../../src/lib/store';
import {
  blockKeys,
  mergeBlocks,
  packPoints,
  writePoints,
  type MetricBlockRow,
} from '../../../src/lib/store/metric-blocks';
import { Tracker } from '../../../src/lib/tracking';
import { columnPoints } from '../../../src/lib/tracking/metric-columns';
import type { MetricPoint } from '../../../src/lib/tracking/types';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

const point = (step: number, value: number, timestamp = step, runId = 'r', key = 'loss') => ({
  runId,
  key,
  step,
  value,
  timestamp,
});

describe('metric histories in blocks of steps', () => {
  it('packs points into one block per run, metric and 1,000 steps, steps ascending', () => {
    const points = [
      point(1000, 3),
      point(2, 1),
      point(0, 0),
      point(-1, 9),
      point(5, 5, 5, 'r', 'acc'),
    ];
    const rows = packPoints(points);
    expect(rows.map((r) => [r.key, r.block, r.steps])).toEqual([
      ['loss', 1, [1000]],
      ['loss', 0, [0, 2]],
      ['loss', -1, [-1]],
      ['acc', 0, [5]],
    ]);
    expect(rows.flatMap(columnPoints)).toEqual(
      expect.arrayContaining(points.map((p) => expect.objectContaining(p))),
    );
  });

  it('replaces a step logged again, and keeps every other step of the block', () => {
    const [stored] = packPoints([point(0, 1), point(1, 2)]);
    const [written] = writePoints([point(1, 20, 9), point(3, 4)], [stored]);
    expect(written).toEqual({
      runId: 'r',
      key: 'loss',
      block: 0,
      steps: [0, 1, 3],
      values: [1, 20, 4],
      timestamps: [0, 9, 3],
    });
    expect(blockKeys([point(1, 0), point(999, 0), point(1000, 0)])).toEqual([
      ['r', 'loss', 0],
      ['r', 'loss', 1],
    ]);
  });

  it('merges two versions of a block step by step, the later value winning', () => {
    const [mine] = packPoints([point(0, 1, 10), point(1, 2, 10)]);
    const [theirs] = packPoints([point(1, 5, 20), point(2, 3, 20)]);
    expect(mergeBlocks(mine!, theirs!)).toMatchObject({ steps: [0, 1, 2], values: [1, 5, 3] });
    // Older at every step it has: nothing to write.
    const [older] = packPoints([point(0, 7, 1), point(1, 7, 10)]);
    expect(mergeBlocks(mine!, older!)).toBeNull();
  });

  it('logs, reads and charts histories through the store: 2,500 steps are 3 rows', async () => {
    const db = await openStore();
    const port = dexieTrackingPort(db);
    for (let start = 0; start < 2500; start += 100)
      await port.appendMetrics(
        Array.from({ length: 100 }, (_, i) => point(start + i, (start + i) / 10)),
      );
    await port.appendMetrics([point(1500, -1, 99_999)]);
    const history = await port.metricHistory('r', 'loss');
    expect(history.map((p) => p.step)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(history[1500]).toEqual(point(1500, -1, 99_999));
    expect(await db.metricBlocks.count()).toBe(3);
    const [first, none, again] = await port.metricHistories(['r', 'none', 'r'], 'loss');
    expect(columnPoints(first!)).toEqual(history);
    expect(again).toEqual(first);
    expect(none!.steps).toEqual([]);
    expect(await port.metricHistory('r', 'other')).toEqual([]);
    db.close();
  });

  it('keeps both browsers’ steps of one run when a workspace file is merged', async () => {
    // The run was exported at step 4 and trained on here to step 9; the file's step 4 is older.
    let time = 0;
    const db = await openStore();
    const tracker = new Tracker(dexieTrackingPort(db), { now: () => (time += 1) });
    await tracker.setExperiment('merge');
    const run = await tracker.startRun({ name: 'long' });
    for (let step = 0; step < 5; step++) await tracker.logMetric('loss', 10 - step, step);
    const file = await exportWorkspace(db);
    await tracker.logMetric('loss', 0.5, 4);
    for (let step = 5; step < 10; step++) await tracker.logMetric('loss', 10 - step, step);
    const report = await importWorkspace(db, file, { mode: 'merge' });
    expect(report.tables.metricBlocks).toEqual({ added: 0, updated: 0, skipped: 1 });
    const history = await dexieTrackingPort(db).metricHistory(run.id, 'loss');
    expect(history.map((p) => [p.step, p.value])).toEqual([
      [0, 10],
      [1, 9],
      [2, 8],
      [3, 7],
      [4, 0.5],
      [5, 5],
      [6, 4],
      [7, 3],
      [8, 2],
      [9, 1],
    ]);

    // The other way round: a browser with steps 0–2 of the run gains the file's 3–4.
    const other = openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
    await other.open();
    const [early] = (await db.metricBlocks.toArray()).map((b): MetricBlockRow => ({
      ...b,
      steps: b.steps.slice(0, 3),
      values: b.values.slice(0, 3),
      timestamps: b.timestamps.slice(0, 3),
    }));
    await other.metricBlocks.put(early!);
    const into = await importWorkspace(other, file, { mode: 'merge' });
    expect(into.tables.metricBlocks).toEqual({ added: 0, updated: 1, skipped: 0 });
    const merged = await dexieTrackingPort(other).metricHistory(run.id, 'loss');
    expect(merged.map((p) => p.step)).toEqual([0, 1, 2, 3, 4]);
    other.close();
    db.close();
  });

  it('exports a metric that diverged to Infinity and imports it back as Infinity', async () => {
    const db = await openStore();
    const tracker = new Tracker(dexieTrackingPort(db));
    await tracker.setExperiment('diverged');
    const run = await tracker.startRun({ name: 'lr too high' });
    await tracker.logMetric('loss', 3, 0);
    await tracker.logMetric('loss', Infinity, 1);
    await tracker.logMetric('gain', -Infinity, 0);
    await tracker.endRun();
    const file = await exportWorkspace(db);
    await importWorkspace(db, file, { mode: 'replace' });
    const port = dexieTrackingPort(db);
    const values = (list: MetricPoint[]) => list.map((p) => p.value);
    expect(values(await port.metricHistory(run.id, 'loss'))).toEqual([3, Infinity]);
    expect(values(await port.metricHistory(run.id, 'gain'))).toEqual([-Infinity]);
    expect((await port.run(run.id))?.metrics.loss).toMatchObject({
      value: Infinity,
      max: Infinity,
    });
    db.close();
  });
});
