import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, getCellSources, openStore, saveCellSource } from '../../../src/lib/store';
import {
  KEEP,
  SNAPSHOT_CAP,
  SNAPSHOT_DB_NAME,
  listSnapshots,
  openSnapshots,
  restoreSnapshot,
  snapshotBudget,
  takeSnapshot,
} from '../../../src/lib/store/snapshots';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
  await Dexie.delete(SNAPSHOT_DB_NAME);
});

const BUDGET = { budget: 10 * 1024 ** 2 };

describe('workspace snapshots', () => {
  it('live in their own database, whose name starts with the main one', () => {
    expect(SNAPSHOT_DB_NAME).toBe('mlops-labbook-snapshots');
    expect(snapshotBudget(1e9)).toBe(2.5e8);
    expect(snapshotBudget(1e12)).toBe(SNAPSHOT_CAP);
  });

  it('are taken only when the workspace changed, and keep the newest five', async () => {
    const [db, snaps] = [await openStore(), openSnapshots()];
    expect(await takeSnapshot(db, snaps, 'automatic', BUDGET)).toEqual({ skipped: 'empty' });
    for (let i = 0; i < KEEP + 2; i++) {
      await saveCellSource(db, 'l', 'c', `edit ${i}`);
      expect(await takeSnapshot(db, snaps, 'automatic', BUDGET)).toHaveProperty('taken');
      expect(await takeSnapshot(db, snaps, 'automatic', BUDGET)).toEqual({ skipped: 'unchanged' });
    }
    const list = await listSnapshots(snaps);
    expect(list).toHaveLength(KEEP);
    expect(await snaps.files.count()).toBe(KEEP);
    expect(list[0]!.takenAt).toBeGreaterThan(list[1]!.takenAt);
    expect(list[0]).toMatchObject({ reason: 'automatic', rows: 1 });
    db.close();
    snaps.close();
  });

  it('drop the oldest beyond the byte budget but always keep the newest', async () => {
    const [db, snaps] = [await openStore(), openSnapshots()];
    await saveCellSource(db, 'l', 'c', 'x'.repeat(50_000));
    const first = await takeSnapshot(db, snaps, 'manual', BUDGET);
    const size = 'taken' in first ? first.taken.size : 0;
    await saveCellSource(db, 'l', 'd', 'y');
    await takeSnapshot(db, snaps, 'manual', { budget: size * 1.5 });
    expect((await listSnapshots(snaps)).map((s) => s.rows)).toEqual([2]);
    await saveCellSource(db, 'l', 'e', 'z');
    expect(await takeSnapshot(db, snaps, 'manual', { budget: 100 })).toMatchObject({
      skipped: 'too large',
    });
    expect(await listSnapshots(snaps)).toHaveLength(1);
    db.close();
    snaps.close();
  });

  it('never throw: a full quota is reported, the workspace untouched', async () => {
    const db = await openStore();
    await saveCellSource(db, 'l', 'c', 'safe');
    const snaps = openSnapshots();
    snaps.use({
      stack: 'dbcore',
      name: 'quota',
      create: (down) => ({
        ...down,
        table: (name) => ({
          ...down.table(name),
          mutate: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')),
        }),
      }),
    });
    const result = await takeSnapshot(db, snaps, 'automatic', BUDGET);
    expect(result).toMatchObject({ failed: expect.stringContaining('storage is full') });
    expect(await getCellSources(db, 'l')).toEqual(new Map([['c', 'safe']]));
    db.close();
    snaps.close();
  });

  it('survive a wiped main database, and a restore can itself be undone', async () => {
    let db = await openStore();
    const snaps = openSnapshots();
    await saveCellSource(db, 'l', 'c', 'my edit');
    const taken = await takeSnapshot(db, snaps, 'manual', BUDGET);
    db.close();
    await Dexie.delete(DB_NAME);
    db = await openStore();
    await saveCellSource(db, 'l', 'other', 'after the wipe');

    const id = 'taken' in taken ? taken.taken.id : -1;
    await restoreSnapshot(db, snaps, id, BUDGET);
    expect(await getCellSources(db, 'l')).toEqual(new Map([['c', 'my edit']]));
    const [undo] = await listSnapshots(snaps);
    expect(undo).toMatchObject({ reason: 'before restore', rows: 1 });
    await restoreSnapshot(db, snaps, undo!.id, BUDGET);
    expect(await getCellSources(db, 'l')).toEqual(new Map([['other', 'after the wipe']]));
    db.close();
    snaps.close();
  });

  it('restore nothing when the current workspace cannot be kept first', async () => {
    const db = await openStore();
    const snaps = openSnapshots();
    await saveCellSource(db, 'l', 'c', 'old');
    const taken = await takeSnapshot(db, snaps, 'manual', BUDGET);
    await saveCellSource(db, 'l', 'c', 'current work');
    const id = 'taken' in taken ? taken.taken.id : -1;
    await expect(restoreSnapshot(db, snaps, id, { budget: 10 })).rejects.toMatchObject({
      message: expect.stringMatching(
        /could not be kept as a snapshot first .* nothing was restored/,
      ),
    });
    expect(await getCellSources(db, 'l')).toEqual(new Map([['c', 'current work']]));
    db.close();
    snaps.close();
  });
});
