import { proxy, wrap, type Remote } from 'comlink';
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
  #worker: Worker | undefined;
  #api: Remote<DataApi> | undefined;
  #pending = new Set<(error: Error) => void>();

  constructor(private readonly createWorker: () => Worker = defaultWorker) {}

  preview(file: File) {
    return this.#call((api) => api.preview(file));
  }

  versions() {
    return this.#call((api) => api.versions());
  }

  summary(id: string) {
    return this.#call((api) => api.summary(id));
  }

  diff(before: string, after: string) {
    return this.#call((api) => api.diff(before, after));
  }

  importCsv(request: ImportRequest, onProgress: (p: CsvProgress) => void): Promise<ImportSummary> {
    return this.#call((api) => api.importCsv(request, proxy(onProgress)));
  }

  cancel(): void {
    this.#stop(new ImportCancelledError());
  }

  dispose(): void {
    this.#stop(new ImportCancelledError());
  }

  #connect(): Remote<DataApi> {
    if (this.#api) return this.#api;
    const worker = this.createWorker();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#stop(
        new Error(
          `The data worker crashed (${event.message || 'probably out of memory'}). Nothing was stored; try a smaller file, or close other tabs to free memory.`,
        ),
      );
    });
    this.#worker = worker;
    this.#api = wrap<DataApi>(worker);
    void this.#api.init(new URL('./', location.href).href);
    return this.#api;
  }

  #stop(reason: Error): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#api = undefined;
    for (const reject of this.#pending) reject(reason);
    this.#pending.clear();
  }

  #call<T>(task: (api: Remote<DataApi>) => Promise<T>): Promise<T> {
    const api = this.#connect();
    return new Promise<T>((resolve, reject) => {
      this.#pending.add(reject);
      task(api)
        .then(resolve, reject)
        .finally(() => this.#pending.delete(reject));
    });
  }
}
