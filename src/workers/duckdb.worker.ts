import { expose, transfer } from 'comlink';
import type { ColumnarTable } from '../lib/data/columnar';
import {
  DUCK_OPEN_CONFIG,
  DuckEngine,
  SerialDuck,
  sandboxRuntime,
  type DuckPort,
} from '../lib/data/duck';

let engine: Promise<DuckEngine> | undefined;

/**
 * DuckDB's blocking build runs in this worker's own thread: one worker of ours, no second one
 * of DuckDB's. Loaded on the first call only; the wasm is the site's own file (precached), so
 * nothing comes from anywhere else, and the sandbox runtime keeps SQL away from the network.
 * Only the build for wasm exceptions ships (every browser the Labbook supports has them).
 */
async function start(): Promise<DuckEngine> {
  const [duck, { default: wasm }] = await Promise.all([
    import('@duckdb/duckdb-wasm/dist/duckdb-browser-blocking'),
    import('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url'),
  ]);
  const runtime = sandboxRuntime(duck);
  const db = await duck.createDuckDB(
    { mvp: { mainModule: wasm, mainWorker: '' }, eh: { mainModule: wasm, mainWorker: '' } },
    new duck.VoidLogger(),
    runtime,
  );
  await db.instantiate(() => undefined);
  db.open(DUCK_OPEN_CONFIG);
  return new DuckEngine(db, runtime);
}

const port = new SerialDuck(() => (engine ??= start()));

/** Queries running or waiting, by the id the bridge gave them, for `cancel`. */
const running = new Map<number, AbortController>();

const api = {
  loadTable(table: string, data: ColumnarTable): ReturnType<DuckPort['loadTable']> {
    return port.loadTable(table, data);
  },
  async query(sql: string, maxRows: number | undefined, id: number): ReturnType<DuckPort['query']> {
    const stop = new AbortController();
    running.set(id, stop);
    try {
      const answer = await port.query(sql, maxRows, stop.signal);
      // The result's bytes move to the kernel without a copy.
      return answer.ok ? transfer(answer, [answer.value.ipc.buffer as ArrayBuffer]) : answer;
    } finally {
      running.delete(id);
    }
  },
  /** Heard between two slices of the query's work (DuckDB's pending query). */
  cancel(id: number): void {
    running.get(id)?.abort();
  },
  files(prefix?: string): ReturnType<DuckPort['files']> {
    return port.files(prefix);
  },
  async version() {
    return (await (engine ??= start())).version();
  },
};

expose(api);
export type DuckdbWorkerApi = typeof api;
