import { tableFromIPC, tableToIPC } from 'apache-arrow';
import type {
  DuckDBBindings,
  DuckDBConnection,
} from '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking';
import type { ColumnarTable } from '../columnar';
import { columnarToArrow, selectList } from './columnar-arrow';
import { DuckError, type DuckProblem } from './errors';
import { quoteIdent, tableName } from './names';
import { refusal, SANDBOX_MARK, isSandboxPath, type SandboxRuntime } from './sandbox-runtime';
import { problemOf } from './sql-position';
import { pendingQueryIpc } from './pending-query';

/** Rows a query may send back to a cell: enough for any summary, not a whole big table. */
export const MAX_ROWS = 100_000;

export type DuckAnswer<T> = { ok: true; value: T } | { ok: false; problem: DuckProblem };

export interface QueryResult {
  /** The result as an Arrow IPC stream (arquero's fromArrow reads it). */
  ipc: Uint8Array;
  rows: number;
  ms: number;
}

/** Statements that would reach outside the sandbox or change how it is set up. */
const REFUSED = /(?:^|;)\s*(install|load|attach|detach|set|reset|pragma|export|import|call)\b/i;

/**
 * One DuckDB database in memory, behind the sandbox runtime: what the DuckDB worker serves and
 * what Node's lesson runner calls directly. Every answer is plain data (no thrown error crosses
 * a worker boundary without its code).
 */
export class DuckEngine {
  readonly #conn: DuckDBConnection;

  /** `runtime`: the sandbox runtime DuckDB was created with, which holds the files queries write. */
  constructor(
    private readonly db: DuckDBBindings,
    private readonly runtime?: Pick<SandboxRuntime, 'files'>,
  ) {
    this.#conn = db.connect();
    for (const setting of [
      "SET home_directory='duckdb-home'",
      'SET autoinstall_known_extensions=false',
      'SET autoload_known_extensions=false',
    ])
      this.#conn.query(setting);
  }

  version(): string {
    return this.db.getVersion();
  }

  /** Creates (or replaces) `table` from a columnar table. */
  loadTable(table: string, data: ColumnarTable): DuckAnswer<{ table: string; rows: number }> {
    return this.#answer('', () => {
      const name = tableName(table);
      const staging = `__labbook_staging_${name}`;
      // Through IPC bytes: the bundle's own Arrow copy may not be this one, and IPC is the contract.
      this.#conn.insertArrowFromIPCStream(tableToIPC(columnarToArrow(data), 'stream'), {
        name: staging,
        create: true,
      });
      try {
        this.#conn.query(
          `CREATE OR REPLACE TABLE ${quoteIdent(name)} AS SELECT ${selectList(data)} FROM ${quoteIdent(staging)}`,
        );
      } finally {
        this.#conn.query(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
      }
      return { table: name, rows: data.rowCount };
    });
  }

  /** Puts a file's bytes in DuckDB's memory under `path` (read_csv, read_parquet read it). */
  registerFile(path: string, bytes: Uint8Array): DuckAnswer<{ path: string; bytes: number }> {
    return this.#answer('', () => {
      if (!isSandboxPath(path)) throw new DuckError({ code: 'sandbox', message: refusal(path) });
      this.db.registerFileBuffer(path, bytes);
      return { path, bytes: bytes.byteLength };
    });
  }

  /** Runs SQL; the result comes back as Arrow IPC, refused past `maxRows`. */
  query(sql: string, maxRows = MAX_ROWS): DuckAnswer<QueryResult> {
    return this.#answer(sql, () => {
      refuseOutside(sql);
      const started = performance.now();
      // DuckDB's own IPC bytes: no Arrow object of the bundle's copy of apache-arrow crosses here.
      const ipc = this.#conn.useUnsafe((db, conn) => db.runQuery(conn, sql));
      return resultOf(ipc, maxRows, started);
    });
  }

  /**
   * `query` as DuckDB's pending query, a slice of work at a time with a macrotask between slices,
   * so a cancel (a message to the DuckDB worker, or the kernel's stop channel in Node) can land:
   * `cancelled()` is asked between slices and a true answer stops the query there, with the
   * code 'cancelled' and DuckDB's tables as they were (the statement is rolled back). A slice
   * is one DuckDB task, which for some plans is the whole query: the DuckDB bridge ends the
   * worker when a cancel is not heard. SQL of several statements runs whole, as `query` does.
   */
  async queryInSlices(
    sql: string,
    maxRows: number,
    cancelled: () => boolean,
  ): Promise<DuckAnswer<QueryResult>> {
    if (this.#fault) return { ok: false, problem: { code: 'unavailable', message: this.#fault } };
    try {
      refuseOutside(sql);
      const started = performance.now();
      const sliced = await this.#conn.useUnsafe((db, conn) =>
        pendingQueryIpc(db, conn, sql, cancelled),
      );
      const ipc = sliced ?? this.#conn.useUnsafe((db, conn) => db.runQuery(conn, sql));
      return { ok: true, value: resultOf(ipc, maxRows, started) };
    } catch (error) {
      return this.#problem(sql, error);
    }
  }

  /** The files queries wrote under `prefix` (COPY … TO), with their sizes. */
  files(prefix = ''): DuckAnswer<{ path: string; bytes: number }[]> {
    return this.#answer('', () => {
      if (prefix && !isSandboxPath(prefix.replace(/\/+$/, '')))
        throw new DuckError({ code: 'sandbox', message: refusal(prefix) });
      // Registered buffers are DuckDB's; the files queries wrote are the runtime's.
      const found = new Map<string, number>();
      for (const f of this.db.globFiles(`${prefix.replace(/\/+$/, '')}${prefix ? '/' : ''}**`))
        found.set(f.fileName, Number(f.fileSize ?? 0));
      for (const f of this.runtime?.files() ?? []) found.set(f.path, f.bytes);
      return [...found]
        .map(([path, bytes]) => ({ path, bytes }))
        .filter((f) => !prefix || f.path.startsWith(prefix))
        .sort((a, b) => a.path.localeCompare(b.path));
    });
  }

  /** Set once the wasm faulted: its memory can no longer be trusted, so nothing more runs. */
  #fault: string | undefined;

  #answer<T>(sql: string, run: () => T): DuckAnswer<T> {
    if (this.#fault) return { ok: false, problem: { code: 'unavailable', message: this.#fault } };
    try {
      return { ok: true, value: run() };
    } catch (error) {
      return this.#problem(sql, error);
    }
  }

  #problem<T>(sql: string, error: unknown): DuckAnswer<T> {
    if (error instanceof DuckError) {
      const { code, message, position } = error;
      return { ok: false, problem: { code, message, ...(position ? { position } : {}) } };
    }
    if (error instanceof WebAssembly.RuntimeError) {
      // DuckDB-WASM 0.9.1 faulted like this writing into its own in-memory files (now the runtime's).
      this.#fault = `DuckDB stopped with a fault in its WebAssembly (${error.message}) and cannot answer any more; its tables and files are gone. Restart the kernel, then run the cells that load your tables again.`;
      return { ok: false, problem: { code: 'unavailable', message: this.#fault } };
    }
    const problem = problemOf(error, sql);
    if (!problem.message.includes(SANDBOX_MARK)) return { ok: false, problem };
    // Our runtime's refusal, wrapped by DuckDB in an IO error: the refusal alone says it all.
    const message = problem.message.replace(/^[A-Za-z ]+Error: /, '');
    return { ok: false, problem: { code: 'sandbox', message } };
  }
}

function refuseOutside(sql: string): void {
  const refused = REFUSED.exec(sql);
  if (refused)
    throw new DuckError({
      code: 'sandbox',
      message: `${(refused[1] ?? '').toUpperCase()} is not available in the Labbook's DuckDB: the engine is set up once (no extensions, no files outside memory, no network). Write a query (SELECT, CREATE TABLE … AS, COPY … TO 'lake/…') instead.`,
    });
}

function resultOf(ipc: Uint8Array, maxRows: number, started: number): QueryResult {
  const table = tableFromIPC(ipc);
  if (table.numRows > maxRows)
    throw new DuckError({
      code: 'too-large',
      message: `The result has ${table.numRows.toLocaleString('en-US')} rows; a cell receives at most ${maxRows.toLocaleString('en-US')}. Aggregate in SQL (GROUP BY), or add LIMIT ${maxRows.toLocaleString('en-US')}.`,
    });
  return { ipc, rows: table.numRows, ms: performance.now() - started };
}
