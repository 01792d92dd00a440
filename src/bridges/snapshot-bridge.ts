import { WorkerConnection } from './worker-connection';
import type { SnapshotWorkerApi } from '../workers/snapshot.worker';
import type { SnapshotReason, SnapshotResult } from '../lib/store/snapshots';

const defaultWorker = () =>
  new Worker(new URL('../workers/snapshot.worker.ts', import.meta.url), { type: 'module' });

/** The only owner of the snapshot worker; idle for a minute, it is shut down. */
export class SnapshotBridge {
  readonly #worker: WorkerConnection<SnapshotWorkerApi>;

  constructor(createWorker: () => Worker = defaultWorker) {
    this.#worker = new WorkerConnection<SnapshotWorkerApi>({
      create: createWorker,
      init: () => undefined,
      crashMessage: (detail) =>
        `The snapshot worker stopped (${detail}); your workspace is unchanged. Export it to keep a copy.`,
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
    return this.#worker.call((api) => api.restore(id));
  }
}
