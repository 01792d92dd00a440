import type { LabbookDB } from './db';
import { guard } from './errors';
import type { DatasetRow, DocumentRow } from './schema';

/** IndexedDB handles big values, but smaller chunks keep each write's memory spike bounded. */
export const CHUNK_BYTES = 16 * 1024 * 1024;

export type DatasetMeta = Omit<DatasetRow, 'byteLength' | 'chunkCount'>;

/** Stores a data version and its encoded bytes in one transaction (all or nothing). */
export async function putDatasetVersion(
  db: LabbookDB,
  meta: DatasetMeta,
  bytes: Uint8Array,
  chunkBytes = CHUNK_BYTES,
): Promise<DatasetRow> {
  const chunkCount = Math.max(1, Math.ceil(bytes.byteLength / chunkBytes));
  const row: DatasetRow = { ...meta, byteLength: bytes.byteLength, chunkCount };
  await guard(() =>
    db.transaction('rw', db.datasets, db.datasetChunks, async () => {
      await db.datasetChunks.where('versionId').equals(meta.id).delete();
      for (let index = 0; index < chunkCount; index++) {
        const part = bytes.subarray(index * chunkBytes, (index + 1) * chunkBytes);
        // slice() so the stored value does not keep the whole source buffer alive.
        await db.datasetChunks.put({ versionId: meta.id, index, bytes: part.slice() });
      }
      await db.datasets.put(row);
    }),
  );
  return row;
}

export async function getDatasetVersion(
  db: LabbookDB,
  id: string,
): Promise<DatasetRow | undefined> {
  return guard(() => db.datasets.get(id));
}

/** All versions, newest first; optionally of one dataset name. */
export async function listDatasetVersions(db: LabbookDB, name?: string): Promise<DatasetRow[]> {
  const rows = await guard(() =>
    name ? db.datasets.where('name').equals(name).toArray() : db.datasets.toArray(),
  );
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}

export async function getDatasetBytes(db: LabbookDB, id: string): Promise<Uint8Array> {
  const chunks = await guard(() => db.datasetChunks.where('versionId').equals(id).sortBy('index'));
  const total = chunks.reduce((sum, c) => sum + c.bytes.byteLength, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk.bytes, at);
    at += chunk.bytes.byteLength;
  }
  return bytes;
}

export async function deleteDatasetVersion(db: LabbookDB, id: string): Promise<void> {
  await guard(() =>
    db.transaction('rw', db.datasets, db.datasetChunks, async () => {
      await db.datasetChunks.where('versionId').equals(id).delete();
      await db.datasets.delete(id);
    }),
  );
}

export async function saveSqlDatabase(db: LabbookDB, name: string, bytes: Uint8Array) {
  await guard(() => db.sqlDatabases.put({ name, bytes, updatedAt: Date.now() }));
}

export async function loadSqlDatabase(db: LabbookDB, name: string): Promise<Uint8Array | null> {
  return (await guard(() => db.sqlDatabases.get(name)))?.bytes ?? null;
}

export async function loadDocuments(db: LabbookDB, table: string): Promise<DocumentRow[]> {
  return guard(() => db.documents.where('table').equals(table).sortBy('docId'));
}

export async function saveDocuments(
  db: LabbookDB,
  table: string,
  changes: { put: { docId: number; doc: unknown }[]; delete: number[] },
): Promise<void> {
  await guard(() =>
    db.transaction('rw', db.documents, async () => {
      await db.documents.bulkDelete(changes.delete.map((docId) => [table, docId]));
      await db.documents.bulkPut(changes.put.map(({ docId, doc }) => ({ table, docId, doc })));
    }),
  );
}
