import Dexie, { type DexieOptions, type Table } from 'dexie';
import { DB_NAME, SCHEMA, type Tables } from './schema';

export type LabbookDB = Dexie & { [K in keyof Tables]: Table<Tables[K]> };

/** Declares the schema history on a Dexie instance; each upgrade reuses the pure migration. */
export function declareSchema(db: Dexie, upTo = Infinity): void {
  for (const version of SCHEMA.filter((v) => v.version <= upTo)) {
    const declared = db.version(version.version).stores(version.stores);
    const migrate = version.migrate;
    if (!migrate) continue;
    declared.upgrade(async (tx) => {
      const names = tx.storeNames;
      const before: Record<string, unknown[]> = {};
      for (const name of names) before[name] = await tx.table(name).toArray();
      const after = migrate(before);
      for (const name of names) {
        if (after[name] === before[name]) continue;
        await tx.table(name).clear();
        await tx.table(name).bulkPut(after[name] ?? []);
      }
    });
  }
}

export function openDatabase(options?: DexieOptions): LabbookDB {
  // The name never changes: renaming a database on upgrade is how browser notebooks lose work.
  const db = new Dexie(DB_NAME, options) as LabbookDB;
  declareSchema(db);
  return db;
}
