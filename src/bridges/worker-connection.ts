import { wrap, type Remote } from 'comlink';

export interface WorkerConnectionOptions<Api> {
  create: () => Worker;
  /** Sent first to every new worker (before any call reaches it). */
  init: (api: Remote<Api>) => void;
  /** What a crash means and what to do, given the browser's message (or a guess). */
  crashMessage: (detail: string) => string;
  /** Shut the worker down after this long without calls; absent: keep it. */
  idleMs?: number;
}

/**
 * A worker started on the first call and restarted on the call after it ended. Ending it —
 * on purpose (`stop`), by a crash (most often out of memory) or when idle — rejects the calls
 * still running with the reason, so no caller waits forever.
 */
export class WorkerConnection<Api> {
  #worker: Worker | undefined;
  #api: Remote<Api> | undefined;
  #pending = new Set<(error: Error) => void>();
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: WorkerConnectionOptions<Api>) {}

  call<T>(task: (api: Remote<Api>) => Promise<T>): Promise<T> {
    clearTimeout(this.#idle);
    const api = this.#connect();
    return new Promise<T>((resolve, reject) => {
      this.#pending.add(reject);
      task(api)
        .then(resolve, reject)
        .finally(() => {
          this.#pending.delete(reject);
          const { idleMs } = this.options;
          if (idleMs !== undefined && this.#pending.size === 0 && this.#api === api)
            this.#idle = setTimeout(() => this.stop(new Error('idle')), idleMs);
        });
    });
  }

  stop(reason: Error): void {
    clearTimeout(this.#idle);
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#api = undefined;
    for (const reject of this.#pending) reject(reason);
    this.#pending.clear();
  }

  #connect(): Remote<Api> {
    if (this.#api) return this.#api;
    const worker = this.options.create();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.stop(new Error(this.options.crashMessage(event.message || 'probably out of memory')));
    });
    this.#worker = worker;
    this.#api = wrap<Api>(worker);
    this.options.init(this.#api);
    return this.#api;
  }
}
