import type { DataPort } from '../data/catalog/catalog';
import type { DataVersion } from '../data/catalog/content-id';
import type { LabbookDB } from './db';
import { getDatasetBytes, getDatasetVersion, listDatasetVersions, putDatasetVersion } from './data';
import type { DatasetRow } from './schema';

function toVersion({ byteLength: _b, chunkCount: _c, ...version }: DatasetRow): DataVersion {
  return version as DataVersion;
}

/** The data catalogue's storage in IndexedDB; workers open their own connection. */
export function dexieDataPort(db: LabbookDB): DataPort {
  return {
    list: async (name) => (await listDatasetVersions(db, name)).map(toVersion),
    get: async (id) => {
      const row = await getDatasetVersion(db, id);
      return row && toVersion(row);
    },
    put: async (version, bytes) => void (await putDatasetVersion(db, version, bytes)),
    bytes: (id) => getDatasetBytes(db, id),
  };
}
