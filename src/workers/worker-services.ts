import { DataCatalog, memoryDataPort, openShippedStream } from '../lib/data/catalog';
import type { SqlJsStatic } from 'sql.js';
import type { LabServices } from '../lib/lab/services';
import { memoryDocPort, type Doc, type DocStorePort } from '../lib/data/docstore';
import { dexieDataPort } from '../lib/store/data-port';
import { dexieTrackingPort } from '../lib/store/tracking-port';
import { memoryTrackingPort } from '../lib/tracking';
import { memoryRegistryPort } from '../lib/registry/memory-port';
import { dexieRegistryPort } from '../lib/store/registry-port';
import { dexieServingPort } from '../lib/store/serving-port';
import { dexieAppFormPort } from '../lib/store/app-forms';
import { memoryAppFormPort } from '../lib/apps/store';
import { dexieProjectPort } from '../lib/store/project-port';
import { dexieCiRunPort } from '../lib/store/ci-port';
import { memoryCiRunPort } from '../lib/ci/run-port';
import { MemoryProjectStorage } from '../lib/project/memory-storage';
import { createProjectServices } from '../lib/lab/project-services';
import { memoryServingPort } from '../lib/serving/memory-port';
import { loadDocuments, loadSqlDatabase, saveDocuments, saveSqlDatabase } from '../lib/store/data';
import type { LabbookDB } from '../lib/store/db';
import { openStore } from '../lib/store/open';
import { storeGitSettings } from '../lib/store/git-settings';
import type { StoreDeps } from './kernel-guards';
import { wrap } from 'comlink';
import { trainMlpInWorker } from './mlp-trainer';
import { trainGbdtInWorker } from './gbdt-trainer';
import { crashOf } from './worker-crash';
import type { PipelineWorkerApi } from './pipeline.worker';
import { POOL_SIZE, runInPool } from './partition-pool';
import { DuckdbBridge } from '../bridges/duckdb-bridge';

export interface WorkerServicesOptions {
  /** The unguarded IndexedDB where cells see a guarded one (see kernel-guards.ts). */
  storeDeps?: StoreDeps;
  /**
   * Where the database cannot be opened (private mode, a newer Labbook's database), work may go
   * on in memory only if the student is told: this receives the reason. Without it the failure
   * is thrown, so nothing is acknowledged as saved that is not stored.
   */
  onMemoryOnly?: (reason: string) => void;
  /**
   * Never open the workspace database: everything cells store lives in this worker's memory.
   * The Gradebook's kernels run students' code, which must not write into the instructor's work.
   */
  memoryOnly?: boolean;
}

/**
 * Storage and data for code running in a worker: the same IndexedDB database as the page (each
 * worker opens its own connection) and the site's shipped files under `siteUrl`.
 */
export async function createWorkerServices(
  siteUrl: string,
  options: WorkerServicesOptions = {},
): Promise<LabServices> {
  let port = memoryDataPort();
  let db: LabbookDB | undefined;
  try {
    if (!options.memoryOnly) {
      db = await openStore(options.storeDeps);
      port = dexieDataPort(db);
    }
  } catch (error) {
    if (!options.onMemoryOnly) throw error;
    options.onMemoryOnly((error as Error).message);
  }
  const catalog = new DataCatalog({
    port,
    openShipped: async (file) =>
      openShippedStream(await fetch(new URL(`datasets/${file}`, siteUrl)), file),
  });
  const memorySql = new Map<string, Uint8Array>();
  const documents: DocStorePort = db
    ? {
        load: async (table) =>
          (await loadDocuments(db, table)).map(({ docId, doc }) => ({ docId, doc: doc as Doc })),
        save: (table, changes) => saveDocuments(db, table, changes),
      }
    : memoryDocPort();
  let engine: Promise<SqlJsStatic> | undefined;
  return {
    catalog,
    sql: {
      engine: () => (engine ??= loadSqlJs()),
      load: async (name) => (db ? loadSqlDatabase(db, name) : (memorySql.get(name) ?? null)),
      save: async (name, bytes) => {
        if (db) await saveSqlDatabase(db, name, bytes);
        else memorySql.set(name, bytes);
      },
    },
    documents,
    tracking: db ? dexieTrackingPort(db) : memoryTrackingPort(),
    registry: db ? dexieRegistryPort(db) : memoryRegistryPort(),
    serving: db ? dexieServingPort(db) : memoryServingPort(),
    apps: db ? dexieAppFormPort(db) : memoryAppFormPort(),
    ci: db ? dexieCiRunPort(db) : memoryCiRunPort(),
    projects: db
      ? createProjectServices(dexieProjectPort(db), storeGitSettings(db))
      : createProjectServices(new MemoryProjectStorage()),
    siteUrl,
    networkApi: true,
    fitMlp: trainMlpInWorker,
    fitGbdt: trainGbdtInWorker,
    pipelineLanes: {
      size: POOL_SIZE,
      open() {
        const worker = new Worker(new URL('./pipeline.worker.ts', import.meta.url), {
          type: 'module',
        });
        const api = wrap<PipelineWorkerApi>(worker);
        void api.init(siteUrl);
        const crashed = crashOf(worker, 'A sweep worker');
        return {
          // A signal cannot cross to the worker: its abort ends the worker, run and all (the
          // caller marks the run it leaves RUNNING as KILLED).
          run: (config, { onStep: _, signal, ...options }) => {
            const aborted = new Promise<never>((_, reject) => {
              if (signal?.aborted) reject(signal.reason as Error);
              signal?.addEventListener('abort', () => {
                worker.terminate();
                reject(signal.reason as Error);
              });
            });
            return Promise.race([api.run(config, options), crashed, aborted]);
          },
          close: () => worker.terminate(),
        };
      },
    },
    duck: new DuckdbBridge(),
    partitions: {
      run: runInPool,
      poolSize: POOL_SIZE,
      shippedBytes: async (file) =>
        new Uint8Array(
          await new Response(
            await openShippedStream(await fetch(new URL(`datasets/${file}`, siteUrl)), file),
          ).arrayBuffer(),
        ),
    },
  };
}

/** sql.js and its WebAssembly, fetched from the site only when a cell first uses SQL. */
async function loadSqlJs(): Promise<SqlJsStatic> {
  const [{ default: initSqlJs }, { default: wasmUrl }] = await Promise.all([
    import('sql.js'),
    import('sql.js/dist/sql-wasm-browser.wasm?url'),
  ]);
  return initSqlJs({ locateFile: () => wasmUrl });
}
