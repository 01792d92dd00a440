import { decodeTable, encodeTable, type ColumnarTable } from '../columnar';
import { parseCsvStream } from '../csv';
import { createVersion, type DataVersion, type VersionTransform } from './content-id';
import { findShipped, SHIPPED_DATASETS } from './shipped';

/** Where versions and their bytes live (IndexedDB in the app, memory in tests). */
export interface DataPort {
  list(name?: string): Promise<DataVersion[]>;
  get(id: string): Promise<DataVersion | undefined>;
  put(version: DataVersion, bytes: Uint8Array): Promise<void>;
  bytes(id: string): Promise<Uint8Array>;
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

export class DataCatalogError extends Error {
  override name = 'DataCatalogError';
  constructor(
    readonly code: 'unknown-dataset' | 'unknown-version',
    message: string,
  ) {
    super(message);
  }
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
      const version = await this.options.port.get(id);
      if (!version || (name && version.name !== name))
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

  /** Stores `table` as a version of `name` (same content → same id, stored once). */
  async save(
    name: string,
    table: ColumnarTable,
    lineage: { parents?: string[]; transform: VersionTransform },
  ): Promise<DataVersion> {
    this.#lastCreatedAt = Math.max(Date.now(), this.#lastCreatedAt + 1);
    const version = await createVersion(table, {
      name,
      parents: lineage.parents ?? [],
      transform: lineage.transform,
      createdAt: this.#lastCreatedAt,
    });
    const existing = await this.options.port.get(version.id);
    if (existing && existing.name === name) return existing;
    await this.options.port.put(version, encodeTable(table));
    this.#cache.set(version.id, table);
    return version;
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
