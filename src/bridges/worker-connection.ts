import { wrap, type Remote } from 'comlink';

/** What a connection tells its owner: calls running, none running, the worker ended. */
export type WorkerStatus = 'busy' | 'idle' | 'dead';

export interface WorkerConnectionOptions<Api> {
  create: () => Worker;
  /**
   * Sent first to every new worker (before any call reaches it). `worker` is there for owners
   * that listen to the worker's own messages (the kernel's memory notices).
   */
  init: (api: Remote<Api>, worker: Worker) => void;
  /**
   * What a crash means and what to do, given the browser's message (or a guess); an Error
   * instead of text when callers tell crashes apart by class.
   */
  crashMessage: (detail: string) => string | Error;
  /** Shut the worker down after this long without calls; absent: keep it. */
  idleMs?: number;
  /** Told when a call starts, when the last running call ends, and when the worker ends. */
  onStatus?: (status: WorkerStatus) => void;
  /** Told after a crash ended the worker and rejected its calls (e.g. to start a fresh one). */
  onCrash?: () => void;
}

/** Why an aborted call was rejected: the signal's reason when it is an Error, else an AbortError. */
const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The operation was aborted.', 'AbortError');

/**
 * A worker started on the first call and restarted on the call after it ended. Ending it —
 * on purpose (`stop`, or a call's AbortSignal), by a crash (most often out of memory) or when
 * idle — rejects the calls still running with the reason, so no caller waits forever. A worker
 * busy in a loop cannot be interrupted otherwise, so aborting a call ends the worker (the next
 * call starts a fresh one), as squoosh does.
 */
export class WorkerConnection<Api> {
  #worker: Worker | undefined;
  #api: Remote<Api> | undefined;
  #pending = new Set<(error: Error) => void>();
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: WorkerConnectionOptions<Api>) {}

  call<T>(task: (api: Remote<Api>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    clearTimeout(this.#idle);
    const api = this.connect();
    const abort = () => this.stop(abortReason(signal!));
    signal?.addEventListener('abort', abort, { once: true });
    return new Promise<T>((resolve, reject) => {
      // Settled before the caller hears the answer, so its next step sees the worker idle.
      const settle = () => {
        signal?.removeEventListener('abort', abort);
        this.#pending.delete(reject);
        if (this.#pending.size > 0 || this.#api !== api) return;
        this.options.onStatus?.('idle');
        const { idleMs } = this.options;
        if (idleMs !== undefined)
          this.#idle = setTimeout(() => this.stop(new Error('idle')), idleMs);
      };
      this.#pending.add(reject);
      this.options.onStatus?.('busy');
      task(api).then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(error);
        },
      );
    });
  }

  stop(reason: Error): void {
    clearTimeout(this.#idle);
    const running = this.#worker !== undefined;
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#api = undefined;
    for (const reject of this.#pending) reject(reason);
    this.#pending.clear();
    if (running) this.options.onStatus?.('dead');
  }

  /** The running worker's API, starting a worker first if none runs (an owner may start early). */
  connect(): Remote<Api> {
    if (this.#api) return this.#api;
    const worker = this.options.create();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (this.#worker !== worker) return;
      const said = this.options.crashMessage(event.message || 'probably out of memory');
      this.stop(said instanceof Error ? said : new Error(said));
      this.options.onCrash?.();
    });
    this.#worker = worker;
    this.#api = wrap<Api>(worker);
    this.options.init(this.#api, worker);
    return this.#api;
  }
}
