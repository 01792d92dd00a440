import type { DataVersion } from './content-id';
import type { DataPort } from './catalog';

/** A DataPort in memory, for tests and for a browser that cannot store anything. */
export function memoryDataPort(): DataPort {
  const versions = new Map<string, { version: DataVersion; bytes: Uint8Array }>();
  return {
    async list(name) {
      return [...versions.values()]
        .map((v) => v.version)
        .filter((v) => name === undefined || v.name === name)
        .sort((a, b) => b.createdAt - a.createdAt);
    },
    async get(id) {
      return versions.get(id)?.version;
    },
    async put(version, bytes) {
      versions.set(version.id, { version, bytes });
    },
    async bytes(id) {
      const entry = versions.get(id);
      if (!entry) throw new Error(`No stored bytes for data version ${id}.`);
      return entry.bytes;
    },
  };
}
