import type { LabbookDB } from './db';
import { guard } from './errors';
import { splitDatasetNames } from './migrate-dataset-names';
import type { DatasetNameRow, DatasetRow, DatasetTransform } from './schema';

/** IndexedDB handles big values, but smaller chunks keep each write's memory spike bounded. */
export const CHUNK_BYTES = 16 * 1024 * 1024;

/** A data version as one of its names sees it: the content's facts, the name's lineage. */
export interface DatasetMeta {
  id: string;
  name: string;
  rowCount: number;
  schema: { name: string; type: string }[];
  parents: string[];
  transform: DatasetTransform;
  createdAt: number;
  stats?: unknown;
}
export type NamedDatasetRow = DatasetMeta & { byteLength: number; chunkCount: number };

function joined(content: DatasetRow, named: DatasetNameRow): NamedDatasetRow {
  const { name, parents, transform, createdAt } = named;
  return { ...content, name, parents, transform, createdAt };
}

/**
 * Names a data version, storing its bytes unless that content is already stored (the id is the
 * content hash, so equal ids mean equal data). `bytes` is the encoded table, whole (cut here into
 * `chunkBytes` pieces) or already cut into chunks (stored as they are when they own their
 * buffers). One transaction: all or nothing.
 */
export async function putDatasetVersion(
  db: LabbookDB,
  meta: DatasetMeta,
  bytes: Uint8Array | Iterable<Uint8Array>,
  chunkBytes = CHUNK_BYTES,
  onWritten?: () => void,
): Promise<NamedDatasetRow> {
  const { name, parents, transform, createdAt, ...facts } = meta;
  const named: DatasetNameRow = {
    name,
    versionId: meta.id,
    // Content cannot derive from itself: a copy saved "from" its own source is the same version.
    parents: parents.filter((p) => p !== meta.id),
    transform,
    createdAt,
  };
  return guard(() =>
    db.transaction('rw', db.datasets, db.datasetNames, db.datasetChunks, async () => {
      let content = await db.datasets.get(meta.id);
      if (!content) {
        await db.datasetChunks.where('versionId').equals(meta.id).delete();
        // One put after another: each chunk (made only now when `bytes` is a generator) can be
        // let go once stored, so a large version never sits in memory twice over. The next
        // chunk is made while the browser writes this one: two held at most, encoding hidden.
        const chunks = (bytes instanceof Uint8Array ? cut(bytes, chunkBytes) : bytes)[
          Symbol.iterator
        ]();
        let index = 0;
        let byteLength = 0;
        for (let next = chunks.next(); !next.done;) {
          const chunk = next.value;
          const written = db.datasetChunks.put({
            versionId: meta.id,
            index: index++,
            bytes: owned(chunk),
          });
          next = chunks.next();
          await written;
          byteLength += chunk.byteLength;
        }
        onWritten?.();
        content = { ...facts, createdAt, byteLength, chunkCount: index };
        await db.datasets.put(content);
      }
      await db.datasetNames.put(named);
      return joined(content, named);
    }),
  );
}

/** A view of part of a buffer would store (and keep) the whole buffer: such a view is copied. */
function owned(chunk: Uint8Array): Uint8Array {
  return chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength
    ? chunk
    : chunk.slice();
}

/** `bytes` in `chunkBytes` pieces; copies, so a stored value does not keep `bytes` alive. */
function* cut(bytes: Uint8Array, chunkBytes: number): Generator<Uint8Array> {
  const count = Math.max(1, Math.ceil(bytes.byteLength / chunkBytes));
  for (let index = 0; index < count; index++)
    yield bytes.slice(index * chunkBytes, (index + 1) * chunkBytes);
}

/** The version as `name` knows it; without a name, under its most recently given name. */
export async function getDatasetVersion(
  db: LabbookDB,
  id: string,
  name?: string,
): Promise<NamedDatasetRow | undefined> {
  return guard(async () => {
    const content = await db.datasets.get(id);
    if (!content) return undefined;
    const named =
      name === undefined
        ? (await db.datasetNames.where('versionId').equals(id).sortBy('createdAt')).at(-1)
        : await db.datasetNames.get([name, id]);
    return named && joined(content, named);
  });
}

/** Every (name, version) pair, newest first; optionally of one dataset name. */
export async function listDatasetVersions(
  db: LabbookDB,
  name?: string,
): Promise<NamedDatasetRow[]> {
  return guard(async () => {
    const names = await (name === undefined
      ? db.datasetNames.toArray()
      : db.datasetNames.where('name').equals(name).toArray());
    const ids = [...new Set(names.map((n) => n.versionId))];
    const contents = new Map(
      (await db.datasets.bulkGet(ids)).flatMap((c) => (c ? [[c.id, c] as const] : [])),
    );
    return names
      .flatMap((n) => {
        const content = contents.get(n.versionId);
        return content ? [joined(content, n)] : [];
      })
      .sort((a, b) => b.createdAt - a.createdAt);
  });
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

/**
 * Removes one name of a version. Its content and bytes go only when no other name still uses
 * them; says whether they went.
 */
export async function deleteDatasetName(
  db: LabbookDB,
  name: string,
  id: string,
): Promise<{ contentDeleted: boolean }> {
  return guard(() =>
    db.transaction('rw', db.datasets, db.datasetNames, db.datasetChunks, async () => {
      await db.datasetNames.delete([name, id]);
      if ((await db.datasetNames.where('versionId').equals(id).count()) > 0)
        return { contentDeleted: false };
      await db.datasetChunks.where('versionId').equals(id).delete();
      await db.datasets.delete(id);
      return { contentDeleted: true };
    }),
  );
}

/** Removes a version under every name it has, with its bytes. */
export async function deleteDatasetVersion(db: LabbookDB, id: string): Promise<void> {
  await guard(() =>
    db.transaction('rw', db.datasets, db.datasetNames, db.datasetChunks, async () => {
      await db.datasetNames.where('versionId').equals(id).delete();
      await db.datasetChunks.where('versionId').equals(id).delete();
      await db.datasets.delete(id);
    }),
  );
}

/**
 * Splits data version rows that still carry their name (written in the version-4 shape by an
 * older copy of the site after the upgrade) into content and name rows, so they are not hidden.
 * A failure leaves the rows as they were and is only reported: nothing is lost by waiting.
 */
export async function repairDatasetNames(db: LabbookDB): Promise<number> {
  try {
    return await db.transaction('rw', db.datasets, db.datasetNames, async () => {
      const stray = (await db.datasets.toArray()).filter((r) => 'name' in r);
      if (!stray.length) return 0;
      const fixed = splitDatasetNames({ datasets: stray, datasetNames: [] });
      await db.datasets.bulkPut(fixed.datasets as DatasetRow[]);
      await db.datasetNames.bulkPut(fixed.datasetNames as DatasetNameRow[]);
      return stray.length;
    });
  } catch (error) {
    console.warn('Could not repair data versions saved by an older Labbook:', error);
    return 0;
  }
}
