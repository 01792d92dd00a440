import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  DUCK_OPEN_CONFIG,
  DuckEngine,
  SerialDuck,
  sandboxRuntime,
  type DuckPort,
} from '../../src/lib/data/duck';

let engine: Promise<DuckEngine> | undefined;
let port: SerialDuck | undefined;

/**
 * DuckDB-WASM's blocking Node build, in-process, behind the same sandbox runtime as the app's
 * worker: the same wasm and the same refusals, so a lesson checked here behaves as in the browser.
 */
export function nodeDuckEngine(): Promise<DuckEngine> {
  return (engine ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
    const duck = require(
      entry,
    ) as typeof import('@duckdb/duckdb-wasm/dist/duckdb-browser-blocking');
    const dist = dirname(entry);
    const runtime = sandboxRuntime(duck);
    const db = await duck.createDuckDB(
      {
        mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
        eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
      },
      new duck.VoidLogger(),
      runtime,
    );
    await db.instantiate(() => undefined);
    db.open(DUCK_OPEN_CONFIG);
    return new DuckEngine(db, runtime);
  })());
}

/** The in-process engine as the lab API's port (the app's is the DuckDB worker's bridge). */
export function nodeDuckPort(): DuckPort {
  // One port for the one engine, so every caller's statements take turns.
  return (port ??= new SerialDuck(nodeDuckEngine));
}
