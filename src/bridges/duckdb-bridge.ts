import type { ColumnarTable } from '../lib/data/columnar';
import type { DuckPort } from '../lib/data/duck';
import type { DuckdbWorkerApi } from '../workers/duckdb.worker';
import { WorkerConnection } from './worker-connection';

// comlink's Remote<> splits the answer union per member; the worker's own types are exact.
const defaultWorker = () =>
  new Worker(new URL('../workers/duckdb.worker.ts', import.meta.url), { type: 'module' });

/**
 * How long a cancelled query may take to stop between two slices of its work. DuckDB hands back
 * control after each task, and for some plans (a cross join whose every row meets the other
 * side in one task) one task is the whole query: past this, the worker is ended instead.
 */
export const CANCEL_GRACE_MS = 1500;

/**
 * The only owner of the DuckDB worker, started by the kernel on the first lab.duck call. No
 * idle shutdown: its tables and files live in its memory, and a cell expects them to stay. The
 * kernel's interrupt ends it with the kernel.
 */
export class DuckdbBridge implements DuckPort {
  readonly #worker: WorkerConnection<DuckdbWorkerApi>;
  /** The tables cells loaded (lab.duck.table), to load again into a worker a cancel restarted. */
  readonly #loaded = new Map<string, ColumnarTable>();
  #ids = 0;
  /** Set when a cancel ended the worker: the next one gets the loaded tables back. */
  #reloading = false;

  constructor(createWorker: () => Worker = defaultWorker) {
    this.#worker = new WorkerConnection<DuckdbWorkerApi>({
      create: createWorker,
      init: (api) => {
        // After a crash the tables are gone, as its message says (reloading them could crash
        // it again); after a cancel's restart they come back. Calls reach a worker in order, so
        // these loads land before the call that started it.
        if (this.#reloading)
          for (const [table, data] of this.#loaded) void api.loadTable(table, data);
        else this.#loaded.clear();
        this.#reloading = false;
      },
      crashMessage: (detail) =>
        `DuckDB stopped (${detail}). Its tables and files were in its memory and are gone; nothing stored in the Labbook is affected. Run the cells that load your tables again (a smaller query, or one that aggregates, if it ran out of memory).`,
    });
  }

  async loadTable(table: string, data: ColumnarTable): ReturnType<DuckPort['loadTable']> {
    const answer = await this.#worker.call(
      (api) => api.loadTable(table, data) as ReturnType<DuckPort['loadTable']>,
    );
    if (answer.ok) this.#loaded.set(answer.value.table, data);
    return answer;
  }

  async query(sql: string, maxRows?: number, signal?: AbortSignal): ReturnType<DuckPort['query']> {
    const id = ++this.#ids;
    const restart = new Error('restarted after a cancel');
    let grace: ReturnType<typeof setTimeout> | undefined;
    const cancel = () => {
      this.#worker.call((api) => api.cancel(id)).catch(() => undefined);
      grace = setTimeout(() => {
        this.#reloading = true;
        this.#worker.stop(restart);
      }, CANCEL_GRACE_MS);
    };
    if (signal?.aborted) cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await this.#worker.call(
        (api) => api.query(sql, maxRows, id) as ReturnType<DuckPort['query']>,
      );
    } catch (error) {
      if (error !== restart) throw error;
      return { ok: false, problem: { code: 'cancelled', message: this.#restartedMessage() } };
    } finally {
      clearTimeout(grace);
      signal?.removeEventListener('abort', cancel);
    }
  }

  files(prefix?: string): ReturnType<DuckPort['files']> {
    return this.#worker.call((api) => api.files(prefix) as ReturnType<DuckPort['files']>);
  }

  #restartedMessage(): string {
    const names = [...this.#loaded.keys()];
    const kept = names.length
      ? `the tables you loaded with lab.duck.table (${names.join(', ')}) are loaded again`
      : 'no table loaded with lab.duck.table needed loading again';
    return `the query did not pause between two steps of its work, so DuckDB was restarted: ${kept}; tables made in SQL (CREATE TABLE … AS) and files written to the lake are gone, so run the cells that made them again`;
  }
}
