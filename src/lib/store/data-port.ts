import type { DataPort } from '../data/catalog/catalog';
import type { DataVersion } from '../data/catalog/content-id';
import type { LabbookDB } from './db';
import {
  CHUNK_BYTES,
  deleteDatasetName,
  getDatasetBytes,
  getDatasetVersion,
  listDatasetVersions,
  putDatasetVersion,
  type NamedDatasetRow,
} from './datasets';

function toVersion(row: NamedDatasetRow): DataVersion {
  const { id, name, rowCount, schema, parents, transform, createdAt } = row;
  return { id, name, rowCount, schema, parents, transform, createdAt } as DataVersion;
}

/** The data catalogue's storage in IndexedDB; workers open their own connection. */
export function dexieDataPort(db: LabbookDB): DataPort {
  return {
    list: async (name) => (await listDatasetVersions(db, name)).map(toVersion),
    get: async (id, name) => {
      const row = await getDatasetVersion(db, id, name);
      return row && toVersion(row);
    },
    put: async (version, bytes, onWritten) =>
      void (await putDatasetVersion(db, version, bytes, CHUNK_BYTES, onWritten)),
    bytes: (id) => getDatasetBytes(db, id),
    remove: async (name, id) => void (await deleteDatasetName(db, name, id)),
  };
}
