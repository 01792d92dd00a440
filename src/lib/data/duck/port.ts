import type { ColumnarTable } from '../columnar';
import type { DuckAnswer, QueryResult } from './engine';

/**
 * The DuckDB engine as the lab API reaches it: in a worker of its own in the app
 * (src/bridges/duckdb-bridge.ts), in-process in Node. Answers are plain data, errors included.
 */
export interface DuckPort {
  loadTable(
    table: string,
    data: ColumnarTable,
  ): Promise<DuckAnswer<{ table: string; rows: number }>>;
  /**
   * `signal` is the student's Cancel: the answer is then a problem with the code 'cancelled'
   * whose message says what became of DuckDB's tables.
   */
  query(sql: string, maxRows?: number, signal?: AbortSignal): Promise<DuckAnswer<QueryResult>>;
  files(prefix?: string): Promise<DuckAnswer<{ path: string; bytes: number }[]>>;
}
