import type { ColumnarTable } from '../columnar';
import { MAX_ROWS, type DuckEngine } from './engine';
import { CANCELLED_MESSAGE } from './pending-query';
import type { DuckPort } from './port';

/**
 * The engine as a port, one call at a time: a pending query yields between its slices, and
 * another statement on the same connection then would end it, so calls wait their turn. A
 * query's signal cancels it between slices, or before it starts if it is still waiting.
 * What the DuckDB worker serves and what Node's lesson runner calls in-process.
 */
export class SerialDuck implements DuckPort {
  #tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly engine: () => Promise<DuckEngine>) {}

  #serial<T>(work: (engine: DuckEngine) => T | Promise<T>): Promise<T> {
    const run = this.#tail.then(async () => work(await this.engine()));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  loadTable(table: string, data: ColumnarTable): ReturnType<DuckPort['loadTable']> {
    return this.#serial((engine) => engine.loadTable(table, data));
  }

  query(sql: string, maxRows = MAX_ROWS, signal?: AbortSignal): ReturnType<DuckPort['query']> {
    return this.#serial((engine) =>
      signal?.aborted
        ? { ok: false, problem: { code: 'cancelled', message: CANCELLED_MESSAGE } }
        : engine.queryInSlices(sql, maxRows, () => signal?.aborted ?? false),
    );
  }

  files(prefix?: string): ReturnType<DuckPort['files']> {
    return this.#serial((engine) => engine.files(prefix));
  }
}
