import { openDatabase, type LabbookDB } from './db';
import { toStoreError } from './errors';

/** Opens the workspace database, surfacing a blocked upgrade or a missing IndexedDB as a StoreError. */
export async function openStore(): Promise<LabbookDB> {
  const db = openDatabase();
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
