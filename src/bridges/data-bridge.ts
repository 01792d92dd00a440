import { proxy } from 'comlink';
import { WorkerConnection } from './worker-connection';
import type { DataApi, ImportRequest, ImportSummary } from '../workers/data.worker';
import type { CsvProgress } from '../lib/data/csv';

export class ImportCancelledError extends Error {
  override name = 'ImportCancelledError';
  constructor() {
    super('The import was cancelled. Nothing was stored.');
  }
}

const defaultWorker = () =>
  new Worker(new URL('../workers/data.worker.ts', import.meta.url), { type: 'module' });

/**
 * The only owner of the data worker. Cancel terminates it (parsing cannot be interrupted
 * otherwise without slowing it down); a crash, e.g. out of memory on a huge file, rejects the
 * running call with a message that says so, and the next call starts a fresh worker.
 */
export class DataBridge {
  readonly #worker: WorkerConnection<DataApi>;

  constructor(createWorker: () => Worker = defaultWorker) {
    this.#worker = new WorkerConnection<DataApi>({
      create: createWorker,
      init: (api) => void api.init(new URL('./', location.href).href),
      crashMessage: (detail) =>
        `The data worker crashed (${detail}). Nothing was stored; try a smaller file, or close other tabs to free memory.`,
    });
  }

  preview(file: File) {
    return this.#worker.call((api) => api.preview(file));
  }

  versions() {
    return this.#worker.call((api) => api.versions());
  }

  summary(id: string) {
    return this.#worker.call((api) => api.summary(id));
  }

  diff(before: string, after: string) {
    return this.#worker.call((api) => api.diff(before, after));
  }

  importCsv(request: ImportRequest, onProgress: (p: CsvProgress) => void): Promise<ImportSummary> {
    return this.#worker.call((api) => api.importCsv(request, proxy(onProgress)));
  }

  exportPython(ref: string) {
    return this.#worker.call((api) => api.exportPython(ref));
  }

  cancel(): void {
    this.#worker.stop(new ImportCancelledError());
  }

  dispose(): void {
    this.#worker.stop(new ImportCancelledError());
  }
}
