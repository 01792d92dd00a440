import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, openStore, resetCell, saveCellSource } from '../../../src/lib/store';
import { watchCellSources, type StoredSources } from '../../../src/lib/store/cell-sync';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

describe('saving a cell from two tabs', () => {
  it('keeps the other tab’s newer edit as a scratch cell instead of overwriting it', async () => {
    const [tabA, tabB] = [await openStore(), await openStore()];
    // Both tabs opened the lesson when the cell had no stored edit (basedOn 0).
    const savedA = await saveCellSource(tabA, 'l', 'c', 'edit in tab A', 0);
    await saveCellSource(tabB, 'l', 'c', 'edit in tab B', 0);
    const rows = await tabA.cells.toArray();
    expect(rows.find((r) => r.cellId === 'c')).toMatchObject({ source: 'edit in tab B' });
    expect(rows.find((r) => r.cellId === 'scratch~c~1')?.source).toMatch(
      /saved in another tab.*\nedit in tab A$/,
    );
    expect(rows.find((r) => r.cellId === 'c')!.updatedAt).toBeGreaterThan(savedA);
    tabA.close();
    tabB.close();
  });

  it('overwrites without a copy when the tab knew the stored version', async () => {
    const db = await openStore();
    const first = await saveCellSource(db, 'l', 'c', 'one', 0);
    const second = await saveCellSource(db, 'l', 'c', 'two', first);
    expect(second).toBeGreaterThan(first);
    await resetCell(db, 'l', 'c', second);
    expect(await db.cells.count()).toBe(0);
    db.close();
  });

  it('keeps a newer edit that a stale tab tries to reset', async () => {
    const db = await openStore();
    await saveCellSource(db, 'l', 'c', 'newer elsewhere', 0);
    await resetCell(db, 'l', 'c', 0);
    expect((await db.cells.toArray()).map((r) => r.cellId)).toEqual(['scratch~c~1']);
    db.close();
  });

  it('tells a watcher in another connection about a saved edit', async () => {
    const [tabA, tabB] = [await openStore(), await openStore()];
    const seen: StoredSources[] = [];
    const stop = watchCellSources(tabB, 'l', (rows) => seen.push(rows));
    await expect.poll(() => seen.length).toBe(1);
    await saveCellSource(tabA, 'l', 'c', 'from A', 0);
    await expect.poll(() => seen.at(-1)?.get('c')?.source, { timeout: 3_000 }).toBe('from A');
    stop();
    tabA.close();
    tabB.close();
  });
});
