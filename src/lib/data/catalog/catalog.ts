import { decodeTable, encodedChunks, type ColumnarTable } from '../columnar';
import { parseCsvStream } from '../csv';
import { createVersion, hashTable, type DataVersion, type VersionTransform } from './content-id';
import { DataCatalogError } from './errors';
import { legacyTwin } from './legacy-id';
import { datasetNameProblem } from './names';
import { findShipped, SHIPPED_DATASETS, type ShippedDataset } from './shipped';

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
   * stored: `bytes` whole, or as consecutive chunks (each in a buffer of its own, made as they
   * are asked for) to store as they are.
   */
  put(
    version: DataVersion,
    bytes: Uint8Array | Iterable<Uint8Array>,
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
 * a fixed cost in Chromium), but the store makes the next chunk while one is written, so two are
 * held beside the table: 32 MB kept the taxi import's peak 140 MB lower than 64 MB, at the same
 * write time. Reading joins chunks of any size.
 */
export const STORED_CHUNK_BYTES = 32 * 1024 * 1024;

/**
 * Where `save`'s time went: hash (to the content id, or what was left of it when the parts
 * hashed their blocks), encode (chunks made), write (chunks put, encoding excluded), commit.
 */
export type SavePhase = 'hash' | 'encode' | 'write' | 'commit';

/** `chunks`, adding the time taken to make each to `spent.ms`. */
function* timed(chunks: Iterable<Uint8Array>, spent: { ms: number }): Generator<Uint8Array> {
  const iterator = chunks[Symbol.iterator]();
  for (;;) {
    const start = performance.now();
    const next = iterator.next();
    spent.ms += performance.now() - start;
    if (next.done) return;
    yield next.value;
  }
}

/** What a caller follows of a save (see DataCatalog.save). */
export interface SaveWatch {
  /** Rows stored so far (the share of the encoded bytes handed to the store), per chunk. */
  onRows?: (rows: number) => void;
  /**
   * Stops the save before its commit: checked after hashing and after each chunk is put,
   * inside the one transaction, so an abort leaves no version and no chunk behind.
   */
  signal?: AbortSignal;
}

/** `chunks` as they are put, told to `watch`; throws the abort before the next one. */
function* watched(
  chunks: Iterable<Uint8Array>,
  rows: number,
  encoded: { bytes: number },
  watch: SaveWatch,
): Generator<Uint8Array> {
  let written = 0;
  for (const chunk of chunks) {
    yield chunk;
    // Checked first: a chunk put after the abort is rolled back, so it is not counted.
    watch.signal?.throwIfAborted();
    written += chunk.byteLength;
    watch.onRows?.(Math.round((rows * written) / Math.max(1, encoded.bytes)));
  }
}

export interface CatalogOptions {
  port: DataPort;
  /** Opens a shipped data file (path below `datasets/`) as a byte stream. */
  openShipped(file: string): Promise<ReadableStream<Uint8Array>>;
}

export interface Loaded {
  version: DataVersion;
  table: ColumnarTable;
}

/** What a caller follows of a shipped dataset's first import (see DataCatalog.load). */
export interface ImportWatch {
  onStart?: (shipped: ShippedDataset) => void;
  onRows?: (rows: number) => void;
  signal?: AbortSignal;
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

  /**
   * `ref` is a name (`'nyc-taxi'`), a version id (`'v-3f2a…'`) or both (`'nyc-taxi@v-3f2a…'`).
   * `importing` follows the first load of a shipped dataset, which parses its CSV: rows so far,
   * and a signal that stops the parse (nothing is stored then).
   */
  async load(ref: string, importing?: ImportWatch): Promise<Loaded> {
    const version = await this.resolve(ref, importing);
    let table = this.#cache.get(version.id);
    if (!table) {
      table = decodeTable(await this.options.port.bytes(version.id));
      this.#cache.set(version.id, table);
    }
    return { version, table };
  }

  async resolve(ref: string, importing?: ImportWatch): Promise<DataVersion> {
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
    if (findShipped(name!)) return this.#storeShipped(name!, importing);
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
      /** Told each phase's milliseconds, for profiling (the data worker times imports). */
      onPhase?: (phase: SavePhase, ms: number) => void;
      /** `table`'s content id (`hashTable`'s value) when computed already, e.g. in parts. */
      id?: Promise<string>;
      /** Follows a save a student waits for: rows written so far, and a Cancel. */
      watch?: SaveWatch;
    } = {},
  ): Promise<DataVersion> {
    const { onPhase, id, watch } = how;
    const problem = datasetNameProblem(name);
    if (problem) throw new DataCatalogError('invalid-name', problem);
    this.#lastCreatedAt = Math.max(Date.now(), this.#lastCreatedAt + 1);
    let at = performance.now();
    const phase = (name: SavePhase, ms = performance.now() - at) => {
      onPhase?.(name, ms);
      at = performance.now();
    };
    const version = await createVersion(
      table,
      {
        name,
        parents: lineage.parents ?? [],
        transform: lineage.transform,
        createdAt: this.#lastCreatedAt,
      },
      id ?? hashTable(table),
    ).finally(() => phase('hash'));
    watch?.signal?.throwIfAborted();
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
    // Chunks are made one at a time as they are stored, so only one is held beside the table.
    const encoding = { ms: 0 };
    const encoded = { bytes: 0 };
    const made = encodedChunks(table, STORED_CHUNK_BYTES, (bytes) => (encoded.bytes = bytes));
    const chunks = timed(watch ? watched(made, table.rowCount, encoded, watch) : made, encoding);
    const started = performance.now();
    await this.options.port.put(version, chunks, () => {
      phase('encode', encoding.ms);
      phase('write', performance.now() - started - encoding.ms);
    });
    phase('commit');
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

  async #storeShipped(name: string, importing?: ImportWatch): Promise<DataVersion> {
    const shipped = findShipped(name)!;
    importing?.onStart?.(shipped);
    const stream = await this.options.openShipped(shipped.file);
    const { table } = await parseCsvStream(
      stream,
      { name, progressRows: 10_000, ...(importing?.signal ? { signal: importing.signal } : {}) },
      importing?.onRows && ((p) => importing.onRows!(p.rows)),
    );
    return this.save(name, table, {
      transform: {
        kind: 'shipped',
        description: `Shipped with the Labbook: datasets/${shipped.file}`,
        params: { file: shipped.file },
      },
    });
  }
}
