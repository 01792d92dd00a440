import type { LabbookDB } from './db';
import { guard } from './errors';
import type { DocumentRow } from './schema';

export async function saveSqlDatabase(db: LabbookDB, name: string, bytes: Uint8Array) {
  await guard(() => db.sqlDatabases.put({ name, bytes, updatedAt: Date.now() }));
}

export async function loadSqlDatabase(db: LabbookDB, name: string): Promise<Uint8Array | null> {
  return (await guard(() => db.sqlDatabases.get(name)))?.bytes ?? null;
}

export async function loadDocuments(db: LabbookDB, table: string): Promise<DocumentRow[]> {
  const rows = await guard(() => db.documents.where('table').equals(table).sortBy('docId'));
  // The write time is the store's, for merging workspaces; the document store never sees it.
  return rows.map(({ table, docId, doc }) => ({ table, docId, doc }));
}

export async function saveDocuments(
  db: LabbookDB,
  table: string,
  changes: { put: { docId: number; doc: unknown }[]; delete: number[] },
): Promise<void> {
  await guard(() =>
    db.transaction('rw', db.documents, async () => {
      await db.documents.bulkDelete(changes.delete.map((docId) => [table, docId]));
      const updatedAt = Date.now();
      await db.documents.bulkPut(
        changes.put.map(({ docId, doc }) => ({ table, docId, doc, updatedAt })),
      );
    }),
  );
}
