import Dexie, { type DexieOptions } from 'dexie';
import { openDatabase, type LabbookDB } from './db';
import { repairDatasetNames } from './datasets';
import { newerDatabaseError, toStoreError } from './errors';
import { CURRENT_VERSION } from './schema';

/**
 * The schema version the stored database was last upgraded to. Dexie stores version × 10 and
 * may add one when it repairs a schema that drifted without a version bump.
 */
function storedVersion(db: LabbookDB): number {
  return Math.floor(db.backendDB().version / 10);
}

/**
 * Opens the workspace database, surfacing a blocked upgrade, a missing IndexedDB or a database
 * from a newer Labbook as a StoreError. `deps`: the IndexedDB to use where the global one is
 * guarded (the kernel worker, where cells run).
 */
export async function openStore(
  deps?: Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>,
): Promise<LabbookDB> {
  // Where the global IndexedDB is guarded (kernel-guards.ts), any other Dexie in this worker
  // defaults to the kept methods too; set here, with Dexie's first use, so the guards load without it.
  if (deps) Object.assign(Dexie.dependencies, deps);
  const db = openDatabase(deps);
  db.on('blocked', () => console.warn('Labbook database upgrade is blocked by another tab.'));
  db.on('versionchange', () => {
    db.close(); // let a newer tab upgrade; this tab tells the student to reload on next write
  });
  try {
    await db.open();
  } catch (error) {
    throw toStoreError(error);
  }
  // Dexie 4 opens a newer database rather than fail; writing old-shaped rows into it would hide
  // them from the newer code, so an older copy of the site stops here.
  const stored = storedVersion(db);
  if (stored > CURRENT_VERSION) {
    db.close();
    throw newerDatabaseError(stored, CURRENT_VERSION);
  }
  await repairDatasetNames(db);
  return db;
}
