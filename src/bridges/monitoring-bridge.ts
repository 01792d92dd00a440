import { wrap, type Remote } from 'comlink';
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
  #worker: Worker | undefined;
  #api: Remote<MonitoringWorkerApi> | undefined;
  #pending = new Set<(error: Error) => void>();
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly createWorker: () => Worker = defaultWorker,
    private readonly idleMs = IDLE_MS,
  ) {}

  endpoints() {
    return this.#call((api) => api.endpoints());
  }

  monitor(endpoint: string, options: MonitorRequest) {
    return this.#call<MonitorResult>((api) => api.monitor(endpoint, options));
  }

  activity(endpoint: string) {
    return this.#call((api) => api.activity(endpoint));
  }

  dispose(): void {
    this.#stop(new Error('The monitoring worker was shut down.'));
  }

  #connect(): Remote<MonitoringWorkerApi> {
    if (this.#api) return this.#api;
    const worker = this.createWorker();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#stop(
        new Error(
          `The monitoring worker crashed (${event.message || 'probably out of memory'}). Refresh to start it again; with a very long request log, monitor a shorter stretch of traffic.`,
        ),
      );
    });
    this.#worker = worker;
    this.#api = wrap<MonitoringWorkerApi>(worker);
    void this.#api.init(new URL('./', location.href).href).catch(() => undefined);
    return this.#api;
  }

  #stop(reason: Error): void {
    clearTimeout(this.#idle);
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#api = undefined;
    for (const reject of this.#pending) reject(reason);
    this.#pending.clear();
  }

  #call<T>(task: (api: Remote<MonitoringWorkerApi>) => Promise<T>): Promise<T> {
    clearTimeout(this.#idle);
    const api = this.#connect();
    return new Promise<T>((resolve, reject) => {
      this.#pending.add(reject);
      task(api)
        .then(resolve, reject)
        .finally(() => {
          this.#pending.delete(reject);
          if (this.#pending.size === 0 && this.#api === api)
            this.#idle = setTimeout(() => this.#stop(new Error('idle')), this.idleMs);
        });
    });
  }
}
