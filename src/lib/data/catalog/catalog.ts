import { decodeTable, encodeTableChunks, type ColumnarTable } from '../columnar';
import { parseCsvStream } from '../csv';
import { createVersion, type DataVersion, type VersionTransform } from './content-id';
import { DataCatalogError } from './errors';
import { legacyTwin } from './legacy-id';
import { datasetNameProblem } from './names';
import { findShipped, SHIPPED_DATASETS } from './shipped';

/**
 * Where versions and their bytes live (IndexedDB in the app, memory in tests). A version's
 * content is stored once per id (its hash); each name given to it is an entry of its own, so
 * equal content under two names is listed, loaded and deleted under each.
 */
export interface DataPort {
  /** One entry per (name, version), newest first; only `name`'s entries when given. */
  list(name?: string): Promise<DataVersion[]>;
  /** The version as `name` knows it; without a name, under its most recently given name. */
  get(id: string, name?: string): Promise<DataVersion | undefined>;
  /**
   * Names `version.name` to the version, storing its encoded table unless that content is
   * stored: `bytes` whole, or as consecutive chunks (each in a buffer of its own) to store as
   * they are.
   */
  put(
    version: DataVersion,
    bytes: Uint8Array | readonly Uint8Array[],
    /** Told when every chunk is written and only the commit is left (for profiling). */
    onWritten?: () => void,
  ): Promise<void>;
  bytes(id: string): Promise<Uint8Array>;
  /** Removes one name of a version; the content goes when no other name still uses it. */
  remove(name: string, id: string): Promise<void>;
}

export { DataCatalogError };

/**
 * Stored chunks of a version's bytes. Fewer, larger IndexedDB values write faster (each put has
 * a fixed cost in Chromium); reading joins chunks of any size.
 */
export const STORED_CHUNK_BYTES = 64 * 1024 * 1024;

/**
 * What `save` does next or has done: hashing (the blocks are built and their digests started on
 * this thread), encoding (while the digests run off it), encoded, hashed (every digest in),
 * written (every chunk), stored (committed).
 */
export type SaveStep = 'hashing' | 'encoding' | 'encoded' | 'hashed' | 'written' | 'stored';

export interface CatalogOptions {
  port: DataPort;
  /** Opens a shipped data file (path below `datasets/`) as a byte stream. */
  openShipped(file: string): Promise<ReadableStream<Uint8Array>>;
}

export interface Loaded {
  version: DataVersion;
  table: ColumnarTable;
}

/**
 * Datasets by name and version. A name resolves to its newest version; a shipped dataset is
 * parsed and stored the first time it is asked for, so later loads (and offline) read IndexedDB.
 */
export class DataCatalog {
  readonly #cache = new Map<string, ColumnarTable>();
  // Strictly increasing, so "newest version" is well defined for saves within one millisecond.
  #lastCreatedAt = 0;
  constructor(private readonly options: CatalogOptions) {}

  /** `ref` is a name (`'nyc-taxi'`), a version id (`'v-3f2a…'`) or both (`'nyc-taxi@v-3f2a…'`). */
  async load(ref: string): Promise<Loaded> {
    const version = await this.resolve(ref);
    let table = this.#cache.get(version.id);
    if (!table) {
      table = decodeTable(await this.options.port.bytes(version.id));
      this.#cache.set(version.id, table);
    }
    return { version, table };
  }

  async resolve(ref: string): Promise<DataVersion> {
    const [name, id] = ref.includes('@')
      ? ref.split('@', 2)
      : ref.startsWith('v-')
        ? ['', ref]
        : [ref, ''];
    if (id) {
      const version = await this.options.port.get(id, name || undefined);
      // "v-shaped" is a name, not an id: a bare ref that is no stored id may still be a name.
      if (!version && !name && (await this.options.port.list(id)).length)
        return this.resolve(`${id}@`);
      if (!version)
        throw new DataCatalogError(
          'unknown-version',
          `No version ${id}${name ? ` of dataset "${name}"` : ''}. lab.data.versions(${name ? `'${name}'` : ''}) lists the versions there are.`,
        );
      return version;
    }
    const [latest] = await this.options.port.list(name);
    if (latest) return latest;
    if (findShipped(name!)) return this.#storeShipped(name!);
    const names = await this.names();
    throw new DataCatalogError(
      'unknown-dataset',
      `No dataset "${name}". Datasets here: ${names.join(', ')}. Import a CSV on the Data page, or save a table with lab.data.save(name, table).`,
    );
  }

  /**
   * Stores `table` as the newest version of `name`. Same content → same id, stored once: under
   * another name it is the same version with one more name (other names keep it), and saved
   * again as `name`'s newest version it is not written again.
   */
  async save(
    name: string,
    table: ColumnarTable,
    lineage: { parents?: string[]; transform: VersionTransform },
    how: {
      /** Told as each step ends, for profiling (the data worker times an import's phases). */
      onStep?: (step: SaveStep) => void;
      /** `table`'s content id (`hashTable`'s value) when computed already, e.g. in parts. */
      id?: Promise<string>;
    } = {},
  ): Promise<DataVersion> {
    const { onStep, id } = how;
    const problem = datasetNameProblem(name);
    if (problem) throw new DataCatalogError('invalid-name', problem);
    this.#lastCreatedAt = Math.max(Date.now(), this.#lastCreatedAt + 1);
    // The digests run off this thread once started: the table is encoded while they do (in
    // vain only when this content is already the name's newest version, a cheap case then).
    onStep?.('hashing');
    const hashed = createVersion(
      table,
      {
        name,
        parents: lineage.parents ?? [],
        transform: lineage.transform,
        createdAt: this.#lastCreatedAt,
      },
      id,
    );
    hashed.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    onStep?.('encoding');
    const chunks = encodeTableChunks(table, STORED_CHUNK_BYTES);
    onStep?.('encoded');
    const version = await hashed;
    onStep?.('hashed');
    const [newest] = await this.options.port.list(name);
    if (!(await this.options.port.get(version.id))) {
      const candidates = [
        ...(await Promise.all(version.parents.map((p) => this.options.port.get(p)))),
        newest,
      ].filter((v) => v !== undefined);
      const twin = await legacyTwin(table, candidates);
      if (twin) version.id = twin.id;
    }
    // A copy saved "from" its source has the source's id: content cannot be its own parent.
    version.parents = version.parents.filter((p) => p !== version.id);
    if (newest?.id === version.id) return newest;
    await this.options.port.put(version, chunks, () => onStep?.('written'));
    onStep?.('stored');
    this.#cache.set(version.id, table);
    return version;
  }

  /**
   * Removes `name` from one version (`name@id`) or from all its versions (`name`). Data another
   * name still uses stays; returns the entries removed.
   */
  async remove(ref: string): Promise<DataVersion[]> {
    const [name, id] = ref.includes('@') ? ref.split('@', 2) : [ref, ''];
    const entries = id ? [await this.resolve(`${name}@${id}`)] : await this.options.port.list(name);
    if (!entries.length)
      throw new DataCatalogError(
        'unknown-dataset',
        `No stored dataset "${name}" to remove. lab.data.names() lists the datasets there are.`,
      );
    for (const entry of entries) await this.options.port.remove(entry.name, entry.id);
    return entries;
  }

  async versions(name?: string): Promise<DataVersion[]> {
    return this.options.port.list(name);
  }

  /** Every dataset name: stored ones and the shipped ones not loaded yet. */
  async names(): Promise<string[]> {
    const stored = (await this.options.port.list()).map((v) => v.name);
    return [...new Set([...SHIPPED_DATASETS.map((d) => d.name), ...stored])].sort();
  }

  async #storeShipped(name: string): Promise<DataVersion> {
    const shipped = findShipped(name)!;
    const stream = await this.options.openShipped(shipped.file);
    const { table } = await parseCsvStream(stream, { name });
    return this.save(name, table, {
      transform: {
        kind: 'shipped',
        description: `Shipped with the Labbook: datasets/${shipped.file}`,
        params: { file: shipped.file },
      },
    });
  }
}
