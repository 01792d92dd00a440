import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect } from 'vitest';
import {
  CURRENT_VERSION,
  DB_NAME,
  StoreError,
  declareSchema,
  getCellSources,
  listDatasetVersions,
  openStore,
} from '../../src/lib/store';
import { hostile } from './hostile';

/** The database as a browser may hand it over: upgraded by a newer site, half made, tampered. */
const cell = { lessonId: 'l', cellId: 'c', source: 'my work', updatedAt: 1 };

/** Opens the stored database as it is, without declaring any schema (Dexie's dynamic mode). */
async function rawTables(): Promise<{ version: number; tables: Record<string, unknown[]> }> {
  const db = new Dexie(DB_NAME);
  await db.open();
  const tables: Record<string, unknown[]> = {};
  for (const t of db.tables) tables[t.name] = await t.toArray();
  const version = db.verno;
  db.close();
  return { version, tables };
}

/** Creates the database natively, so it can be in shapes Dexie itself would never leave. */
function createNative(version: number, build: (db: IDBDatabase) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, version);
    request.onupgradeneeded = () => build(request.result);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

describe('the database', () => {
  hostile(
    'storage',
    'a database from a newer Labbook (an older cached copy of the site opened after a newer one)',
    { guards: 'data' },
    async () => {
      const newer = new Dexie(DB_NAME);
      declareSchema(newer);
      newer.version(CURRENT_VERSION + 1).stores({ snapshots: 'id' });
      await newer.open();
      await newer.table('cells').put(cell);
      await newer.table('snapshots').put({ id: 's1', at: 1 });
      newer.close();

      const error = await openStore().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('newer-database');
      expect((error as Error).message).toContain(
        `storage version ${CURRENT_VERSION + 1}; this copy of the site knows up to version ${CURRENT_VERSION}`,
      );
      expect((error as Error).message).toContain('Nothing was changed or deleted.');
      const after = await rawTables();
      expect(after.version).toBe(CURRENT_VERSION + 1);
      expect(after.tables.cells).toEqual([cell]);
      expect(after.tables.snapshots).toEqual([{ id: 's1', at: 1 }]);
    },
  );

  hostile(
    'storage',
    'a database left half-upgraded (at the current version, a table missing)',
    { guards: 'data' },
    async () => {
      await createNative(CURRENT_VERSION * 10, (db) => {
        db.createObjectStore('cells', { keyPath: ['lessonId', 'cellId'] }).createIndex(
          'lessonId',
          'lessonId',
        );
        db.createObjectStore('progress', { keyPath: 'lessonId' });
      });
      const seed = new Dexie(DB_NAME);
      await seed.open();
      await seed.table('cells').put(cell);
      seed.close();

      const db = await openStore();
      expect(await getCellSources(db, 'l')).toEqual(new Map([['c', 'my work']]));
      // The missing tables are there to write to.
      await db.settings.put({ key: 'k', value: 1 });
      expect(await listDatasetVersions(db)).toEqual([]);
      db.close();
    },
  );

  hostile('storage', 'a database with an unexpected extra table', { guards: 'data' }, async () => {
    const odd = new Dexie(DB_NAME);
    declareSchema(odd);
    odd.version(CURRENT_VERSION).stores({ stray: 'id' });
    await odd.open();
    await odd.table('cells').put(cell);
    await odd.table('stray').put({ id: 'keep me' });
    odd.close();

    const db = await openStore();
    expect(await getCellSources(db, 'l')).toEqual(new Map([['c', 'my work']]));
    db.close();
    // Not ours, so not ours to delete.
    expect((await rawTables()).tables.stray).toEqual([{ id: 'keep me' }]);
  });

  hostile(
    'storage',
    'a data version written in the old shape by an older copy after the upgrade',
    { guards: 'data' },
    async () => {
      const db = await openStore();
      // What a version-4 site writes into the version-5 database Dexie lets it open.
      await db.datasets.put({
        id: 'v-0123456789ab',
        name: 'from-old-tab',
        rowCount: 1,
        schema: [{ name: 'x', type: 'float' }],
        parents: [],
        transform: { kind: 'import', description: 'old tab' },
        createdAt: 5,
        byteLength: 1,
        chunkCount: 1,
      } as never);
      await db.datasetChunks.put({
        versionId: 'v-0123456789ab',
        index: 0,
        bytes: Uint8Array.of(1),
      });
      db.close();

      const again = await openStore();
      expect(await listDatasetVersions(again)).toMatchObject([
        { id: 'v-0123456789ab', name: 'from-old-tab', transform: { description: 'old tab' } },
      ]);
      again.close();
    },
  );
});
