import Dexie, { type DexieOptions, type Table } from 'dexie';
import { DB_NAME, SCHEMA, type Tables } from './schema';

export type LabbookDB = Dexie & { [K in keyof Tables]: Table<Tables[K]> };

/** Declares the schema history on a Dexie instance; each upgrade reuses the pure migration. */
export function declareSchema(db: Dexie, upTo = Infinity): void {
  for (const version of SCHEMA.filter((v) => v.version <= upTo)) {
    const declared = db.version(version.version).stores(version.stores);
    const migrate = version.migrate;
    if (!migrate) continue;
    // Only the tables that exist at this version: a v1 database upgraded straight to the newest
    // version runs this migration inside a transaction that does not yet know later tables.
    const names = version.migrates ? [...version.migrates] : tablesAt(version.version);
    declared.upgrade(async (tx) => {
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

function tablesAt(version: number): string[] {
  const tables = new Set<string>();
  for (const v of SCHEMA.filter((s) => s.version <= version))
    for (const [name, spec] of Object.entries(v.stores))
      if (spec === null) tables.delete(name);
      else tables.add(name);
  return [...tables];
}

export function openDatabase(options?: DexieOptions): LabbookDB {
  // The name never changes: renaming a database on upgrade is how browser notebooks lose work.
  const db = new Dexie(DB_NAME, options) as LabbookDB;
  declareSchema(db);
  return db;
}
