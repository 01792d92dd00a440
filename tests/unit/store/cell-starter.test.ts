import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, getCellStarters, openStore, saveCellSource } from '../../../src/lib/store';
import { rowSchemas } from '../../../src/lib/store/workspace-schemas';
import { starterHash } from '../../../src/lib/notebook/starter-hash';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

describe('the starter an edit was based on', () => {
  it('is stored with the edit and read back per cell; own cells and old rows have none', async () => {
    const db = await openStore();
    const v1 = starterHash('const x = 0;');
    await saveCellSource(db, 'l', 'c', 'const x = 1;', 0, v1);
    await saveCellSource(db, 'l', 'scratch~c~1', 'mine', 0);
    await db.cells.put({ lessonId: 'l', cellId: 'old', source: 'before versions', updatedAt: 1 });
    expect([...(await getCellStarters(db, 'l'))]).toEqual([['c', v1]]);
    db.close();
  });

  it('survives a workspace export and import (the row schema keeps it)', () => {
    const row = { lessonId: 'l', cellId: 'c', source: 's', updatedAt: 1, starter: 'abcd1234' };
    expect(rowSchemas.cells.parse(row)).toEqual(row);
  });

  it('tells starters apart by content', () => {
    expect(starterHash('const x = 0;')).toBe(starterHash('const x = 0;'));
    expect(starterHash('const x = 0;')).not.toBe(starterHash('const x = 0; '));
    expect(starterHash('')).toMatch(/^[0-9a-f]{8}$/);
  });
});
