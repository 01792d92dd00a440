import type { DataVersion } from './content-id';
import type { DataPort } from './catalog';
import { DataCatalogError } from './errors';

function joinChunks(iterable: Iterable<Uint8Array>): Uint8Array {
  const chunks = [...iterable];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * A DataPort in memory, for tests and for a browser that cannot store anything. Same model as
 * the database: content once per id, names as their own entries.
 */
export function memoryDataPort(): DataPort {
  const contents = new Map<string, Uint8Array>();
  const names = new Map<string, DataVersion>(); // key: name + '@' + id
  const key = (name: string, id: string) => `${name}@${id}`;
  const newestFirst = (a: DataVersion, b: DataVersion) => b.createdAt - a.createdAt;
  return {
    async list(name) {
      return [...names.values()]
        .filter((v) => name === undefined || v.name === name)
        .sort(newestFirst);
    },
    async get(id, name) {
      if (name !== undefined) return names.get(key(name, id));
      return [...names.values()].filter((v) => v.id === id).sort(newestFirst)[0];
    },
    async put(version, bytes) {
      if (!contents.has(version.id))
        contents.set(version.id, bytes instanceof Uint8Array ? bytes : joinChunks(bytes));
      const parents = version.parents.filter((p) => p !== version.id);
      names.set(key(version.name, version.id), { ...version, parents });
    },
    async bytes(id) {
      const bytes = contents.get(id);
      if (!bytes)
        throw new DataCatalogError('unknown-version', `No stored bytes for data version ${id}.`);
      return bytes;
    },
    async remove(name, id) {
      names.delete(key(name, id));
      if (![...names.values()].some((v) => v.id === id)) contents.delete(id);
    },
  };
}
