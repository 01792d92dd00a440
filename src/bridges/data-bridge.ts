import { proxy } from 'comlink';
import { WorkerConnection } from './worker-connection';
import { LabbookError } from '../lib/errors';
import type { DataApi, ImportRequest, ImportSummary } from '../workers/data.worker';
import type { CsvProgress } from '../lib/data/csv';

export class ImportCancelledError extends LabbookError<'cancelled'> {
  override name = 'ImportCancelledError';
  constructor() {
    super('cancelled', 'The import was cancelled. Nothing was stored.');
  }
}

const defaultWorker = () =>
  new Worker(new URL('../workers/data.worker.ts', import.meta.url), { type: 'module' });

/** A data worker left without calls this long ends, giving its memory back; the next call starts one. */
const IDLE_MS = 60_000;

/**
 * The only owner of the data worker. Aborting a call terminates the worker (parsing cannot be
 * interrupted otherwise without slowing it down) and rejects it with the signal's reason; a crash,
 * e.g. out of memory on a huge file, rejects the running call with a message that says so, and
 * the next call starts a fresh worker.
 */
export class DataBridge {
  readonly #worker: WorkerConnection<DataApi>;

  constructor(createWorker: () => Worker = defaultWorker, idleMs = IDLE_MS) {
    this.#worker = new WorkerConnection<DataApi>({
      create: createWorker,
      init: (api) => void api.init(new URL('./', location.href).href),
      crashMessage: (detail) =>
        `The data worker crashed (${detail}). Nothing was stored; try a smaller file, or close other tabs to free memory.`,
      idleMs,
    });
  }

  preview(file: File, signal?: AbortSignal) {
    return this.#worker.call((api) => api.preview(file), signal);
  }

  versions() {
    return this.#worker.call((api) => api.versions());
  }

  summary(id: string, signal?: AbortSignal) {
    return this.#worker.call((api) => api.summary(id), signal);
  }

  diff(before: string, after: string, signal?: AbortSignal) {
    return this.#worker.call((api) => api.diff(before, after), signal);
  }

  /** Abort `signal` with an ImportCancelledError to cancel: nothing is stored. */
  importCsv(
    request: ImportRequest,
    onProgress: (p: CsvProgress) => void,
    signal?: AbortSignal,
  ): Promise<ImportSummary> {
    return this.#worker.call((api) => api.importCsv(request, proxy(onProgress)), signal);
  }

  exportPython(ref: string, signal?: AbortSignal) {
    return this.#worker.call((api) => api.exportPython(ref), signal);
  }

  dispose(): void {
    this.#worker.stop(new ImportCancelledError());
  }
}

let shared: DataBridge | undefined;

/**
 * The app's one data bridge: every data page and export button talks to the same worker instead
 * of starting one each; callers cancel their own calls with an AbortSignal.
 */
export function dataBridge(): DataBridge {
  return (shared ??= new DataBridge());
}
