import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { exportWorkspace, openDatabase } from '../../src/lib/store';
import { dexieTrackingPort } from '../../src/lib/store/tracking-port';
import { Tracker } from '../../src/lib/tracking';

/**
 * A workspace file holding `runs` runs of one experiment, each with two metrics over `steps`
 * steps, written with the real tracker and store, for a browser to import. Runs are named
 * `trial 1`, `trial 2`… in the order they started.
 */
export async function workspaceWithManyRuns(runs: number, steps: number): Promise<Uint8Array> {
  // A database of its own, so two calls in one process do not add up.
  const db = openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  await db.open();
  // A clock a second apart per call: runs start in order, never two in the same millisecond.
  let time = Date.UTC(2026, 0, 5, 9);
  const tracker = new Tracker(dexieTrackingPort(db), { now: () => (time += 1000) });
  await tracker.setExperiment('sweep-at-scale');
  for (let r = 0; r < runs; r++) {
    await tracker.startRun({ name: `trial ${r + 1}`, tags: { sweep: 'bench' } });
    await tracker.logParams({ alpha: 10 ** ((r % 7) - 3), hidden: 8 * ((r % 4) + 1) });
    for (let step = 0; step < steps; step++)
      await tracker.logMetrics(
        { loss: 1 / (step + 1) + (r % 13) / 100, val_loss: 1.1 / (step + 1) + (r % 11) / 90 },
        step,
      );
    await tracker.endRun();
  }
  try {
    return await exportWorkspace(db);
  } finally {
    db.close();
  }
}
