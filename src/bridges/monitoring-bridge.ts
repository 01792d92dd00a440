import { WorkerConnection } from './worker-connection';
import type {
  MonitoringWorkerApi,
  MonitorRequest,
  MonitorResult,
} from '../workers/monitoring.worker';

const defaultWorker = () =>
  new Worker(new URL('../workers/monitoring.worker.ts', import.meta.url), { type: 'module' });

/** A worker nobody called for this long is shut down (its cached references with it). */
export const IDLE_MS = 120_000;

/**
 * The only owner of the monitoring worker. A crash (most often out of memory on a huge request
 * log) rejects the running calls with a message that says so, and the next call starts a fresh
 * worker; after `IDLE_MS` without calls the worker is shut down.
 */
export class MonitoringBridge {
  readonly #worker: WorkerConnection<MonitoringWorkerApi>;

  constructor(createWorker: () => Worker = defaultWorker, idleMs = IDLE_MS) {
    this.#worker = new WorkerConnection<MonitoringWorkerApi>({
      create: createWorker,
      init: (api) => void api.init(new URL('./', location.href).href).catch(() => undefined),
      crashMessage: (detail) =>
        `The monitoring worker crashed (${detail}). Refresh to start it again; with a very long request log, monitor a shorter stretch of traffic.`,
      idleMs,
    });
  }

  endpoints() {
    return this.#worker.call((api) => api.endpoints());
  }

  /** Aborting `signal` ends the worker (a long request log is read in one go) and rejects. */
  monitor(endpoint: string, options: MonitorRequest, signal?: AbortSignal) {
    return this.#worker.call<MonitorResult>((api) => api.monitor(endpoint, options), signal);
  }

  activity(endpoint: string) {
    return this.#worker.call((api) => api.activity(endpoint));
  }

  dispose(): void {
    this.#worker.stop(new Error('The monitoring worker was shut down.'));
  }
}
