import { WorkerConnection } from './worker-connection';
import type { WorkspaceWorkerApi, WorkspaceVerdict } from '../workers/workspace.worker';
import type { ImportReport } from '../lib/store/workspace-file';
import type { SnapshotReason, SnapshotResult } from '../lib/store/snapshots';

const defaultWorker = () =>
  new Worker(new URL('../workers/workspace.worker.ts', import.meta.url), { type: 'module' });

/**
 * The only owner of the workspace worker (snapshots, checking and importing workspace files);
 * idle for a minute, it is shut down.
 */
export class WorkspaceBridge {
  readonly #worker: WorkerConnection<WorkspaceWorkerApi>;

  constructor(createWorker: () => Worker = defaultWorker) {
    this.#worker = new WorkerConnection<WorkspaceWorkerApi>({
      create: createWorker,
      init: () => undefined,
      crashMessage: (detail) =>
        `The workspace worker stopped (${detail}); your workspace is unchanged. With a very large file, export from the other browser without large datasets.`,
      idleMs: 60_000,
    });
  }

  take(reason: SnapshotReason) {
    return this.#worker.call<SnapshotResult>((api) => api.take(reason));
  }

  list() {
    return this.#worker.call((api) => api.list());
  }

  restore(id: number) {
    return this.#worker.call<ImportReport>((api) => api.restore(id));
  }

  // Only reads take a signal: ending the worker in the middle of a restore or an import is not
  // a way to cancel one.
  inspect(file: Blob, signal?: AbortSignal) {
    return this.#worker.call<WorkspaceVerdict>((api) => api.inspect(file), signal);
  }

  import(file: Blob, mode: 'replace' | 'merge') {
    return this.#worker.call<ImportReport>((api) => api.import(file, mode));
  }
}
