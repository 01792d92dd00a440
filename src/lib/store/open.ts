import type { DexieOptions } from 'dexie';
import { openDatabase, type LabbookDB } from './db';
import { toStoreError } from './errors';

/**
 * Opens the workspace database, surfacing a blocked upgrade or a missing IndexedDB as a StoreError.
 * `deps`: the IndexedDB to use where the global one is guarded (the kernel worker, where cells run).
 */
export async function openStore(
  deps?: Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>,
): Promise<LabbookDB> {
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
  return db;
}
