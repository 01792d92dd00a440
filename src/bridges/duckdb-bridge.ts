import type { ColumnarTable } from '../lib/data/columnar';
import type { DuckPort } from '../lib/data/duck';
import type { DuckdbWorkerApi } from '../workers/duckdb.worker';
import { WorkerConnection } from './worker-connection';

// comlink's Remote<> splits the answer union per member; the worker's own types are exact.
const defaultWorker = () =>
  new Worker(new URL('../workers/duckdb.worker.ts', import.meta.url), { type: 'module' });

/**
 * The only owner of the DuckDB worker, started by the kernel on the first lab.duck call. No
 * idle shutdown: its tables and files live in its memory, and a cell expects them to stay. The
 * kernel's interrupt ends it with the kernel.
 */
export class DuckdbBridge implements DuckPort {
  readonly #worker: WorkerConnection<DuckdbWorkerApi>;

  constructor(createWorker: () => Worker = defaultWorker) {
    this.#worker = new WorkerConnection<DuckdbWorkerApi>({
      create: createWorker,
      init: () => undefined,
      crashMessage: (detail) =>
        `DuckDB stopped (${detail}). Its tables and files were in its memory and are gone; nothing stored in the Labbook is affected. Run the cells that load your tables again (a smaller query, or one that aggregates, if it ran out of memory).`,
    });
  }

  loadTable(table: string, data: ColumnarTable): ReturnType<DuckPort['loadTable']> {
    return this.#worker.call(
      (api) => api.loadTable(table, data) as ReturnType<DuckPort['loadTable']>,
    );
  }

  query(sql: string, maxRows?: number): ReturnType<DuckPort['query']> {
    return this.#worker.call((api) => api.query(sql, maxRows) as ReturnType<DuckPort['query']>);
  }

  files(prefix?: string): ReturnType<DuckPort['files']> {
    return this.#worker.call((api) => api.files(prefix) as ReturnType<DuckPort['files']>);
  }
}
