import type { DuckDBBindings } from '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking';
import { DuckError } from './errors';

/**
 * How long DuckDB works on a pending query before it hands control back (its
 * `query.queryPollingInterval`, given to `db.open`). Short enough that a cancel lands within a
 * moment of being sent, long enough that the macrotasks between slices cost nothing.
 */
export const DUCK_OPEN_CONFIG = { query: { queryPollingInterval: 50 } };

/** Arrow's end-of-stream marker: a continuation token and a zero-length message. */
const END_OF_STREAM = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0]);

/** DuckDB's refusal of a pending query of several statements (they then run whole). */
const SEVERAL_STATEMENTS = /can only take a single statement/i;

export const CANCELLED_MESSAGE =
  'the query was stopped before it finished; DuckDB rolled it back, so your DuckDB tables and files are as they were';

/**
 * Runs one statement as DuckDB's pending query, a slice at a time with a macrotask between
 * slices, and returns its result as one Arrow IPC stream (the schema, the batches, the end
 * marker), as `runQuery` would. Null when the SQL holds several statements. `cancelled()` is
 * asked between slices; true cancels the pending query and throws DuckError 'cancelled'.
 */
export async function pendingQueryIpc(
  db: DuckDBBindings,
  conn: number,
  sql: string,
  cancelled: () => boolean,
): Promise<Uint8Array | null> {
  let header: Uint8Array | null;
  try {
    header = db.startPendingQuery(conn, sql);
  } catch (error) {
    if (SEVERAL_STATEMENTS.test(String((error as Error).message))) return null;
    throw error;
  }
  while (header === null) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (cancelled()) {
      db.cancelPendingQuery(conn);
      throw new DuckError({ code: 'cancelled', message: CANCELLED_MESSAGE });
    }
    header = db.pollPendingQuery(conn);
  }
  const parts = [header];
  for (;;) {
    const batch = db.fetchQueryResults(conn);
    if (!batch || batch.length === 0) break;
    parts.push(batch);
  }
  parts.push(END_OF_STREAM);
  const ipc = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    ipc.set(part, at);
    at += part.length;
  }
  return ipc;
}
