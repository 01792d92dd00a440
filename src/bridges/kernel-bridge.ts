import { proxy, type Remote } from 'comlink';
import { WorkerConnection } from './worker-connection';
import { LabbookError } from '../lib/errors';
import type { KernelApi } from '../workers/kernel.worker';
import type { Output, TableOutput } from '../lib/kernel/outputs';
import type { KernelStatus, NotebookKernel } from '../lib/notebook/notebook-ports';
import { isMemoryNotice, outOfMemory } from '../lib/kernel/memory-budget';
import {
  clearRunning,
  holdTab,
  noteRunning,
  takeCrashedCell,
  type NoteStore,
} from '../lib/kernel/crash-marker';
import { webLocks } from '../lib/tracking/liveness';
import { takeKernelWorker } from './kernel-prewarm';

export class KernelInterruptedError extends LabbookError<'interrupted'> {
  override name = 'KernelInterruptedError';
  constructor() {
    super('interrupted', 'The kernel was interrupted and restarted.');
  }
}

export class KernelCrashedError extends LabbookError<'crashed'> {
  override name = 'KernelCrashedError';
  constructor(message: string) {
    super('crashed', message);
  }
}

/**
 * The only owner of the kernel worker, on a WorkerConnection. Unlike other workers it starts at
 * once and again right after it ends: interrupt terminates it (the only way to stop
 * `while (true) {}`), and so does a crash or a notice from the worker's memory meter
 * (src/lib/kernel/memory-meter.ts); a fresh kernel is then ready for the next cell.
 */
export class KernelBridge implements NotebookKernel {
  readonly #connection: WorkerConnection<KernelApi>;
  /** The running worker, so a late memory notice from an ended one is ignored. */
  #worker: Worker | undefined;
  #listeners = new Set<(status: KernelStatus) => void>();
  #tab = crypto.randomUUID();
  #notes: NoteStore | undefined = storage();
  #projectId: string | null = null;
  /** The cell of this lesson a crashed tab was running (see crash-marker.ts), found at start. */
  readonly crashedCell: Promise<string | undefined>;

  /** `lessonId`: the lesson this kernel serves, recorded on the runs its cells track. */
  constructor(
    readonly lessonId?: string,
    createWorker: () => Worker = takeKernelWorker,
  ) {
    this.#connection = new WorkerConnection<KernelApi>({
      create: createWorker,
      init: (_api, worker) => this.#watchMemory(worker),
      crashMessage: (detail) =>
        new KernelCrashedError(
          `The kernel crashed: ${detail}. It was restarted; run the cells again.`,
        ),
      onStatus: (status) => this.#emit(status),
      onCrash: () => this.#start(),
    });
    const locks = webLocks();
    this.crashedCell =
      locks && this.#notes && lessonId
        ? takeCrashedCell(this.#notes, locks, lessonId).catch(() => undefined)
        : Promise.resolve(undefined);
    if (locks) void holdTab(locks, this.#tab);
    // A page closed or reloaded mid-run did not crash.
    globalThis.addEventListener?.('pagehide', () => this.#clearNote());
    this.#start();
  }

  onStatus(listener: (status: KernelStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  run(cellId: string, source: string, onOutput: (output: Output) => void) {
    if (this.#notes && this.lessonId) {
      try {
        noteRunning(this.#notes, this.#tab, this.lessonId, cellId);
      } catch {
        // Storage full or refused: the note only explains a crash, the run goes on without it.
      }
    }
    return this.#call((api) => api.run(cellId, source, proxy(onOutput))).finally(() =>
      this.#clearNote(),
    );
  }

  runSetup(cellId: string, source: string, onOutput: (output: Output) => void) {
    return this.#call((api) => api.runSetup(cellId, source, proxy(onOutput)));
  }

  check(exerciseId: string, source: string, hint: string) {
    return this.#call((api) => api.check(exerciseId, source, hint));
  }

  tablePage(ref: string, offset: number, limit: number): Promise<TableOutput> {
    return this.#call((api) => api.tablePage(ref, offset, limit));
  }

  /**
   * The project `project:` imports and lab.test.run() read in this kernel (null: none). Kept, so
   * a restarted kernel gets it again.
   */
  useProject(projectId: string | null): Promise<void> {
    this.#projectId = projectId;
    return this.#call((api) => api.useProject(projectId));
  }

  completions(): Promise<string[]> {
    return this.#call((api) => api.completions());
  }

  interrupt(): void {
    this.#connection.stop(new KernelInterruptedError());
    this.#start();
  }

  restart(): void {
    this.interrupt();
  }

  dispose(): void {
    this.#connection.stop(new KernelInterruptedError());
    this.#listeners.clear();
  }

  #start(): void {
    this.#emit('starting');
    const siteUrl = new URL('./', location.href).href;
    void this.#call((api) => api.init(siteUrl, this.lessonId)).catch(() => undefined);
    const projectId = this.#projectId;
    if (projectId !== null)
      void this.#call((api) => api.useProject(projectId)).catch(() => undefined);
  }

  /** The worker's memory meter says a cell went over budget: stop it before it takes the tab down. */
  #watchMemory(worker: Worker): void {
    this.#worker = worker;
    worker.addEventListener('message', (event: MessageEvent) => {
      if (!isMemoryNotice(event.data) || this.#worker !== worker) return;
      this.#worker = undefined;
      this.#connection.stop(outOfMemory(event.data.budget));
      this.#start();
    });
  }

  #call<T>(task: (api: Remote<KernelApi>) => Promise<T>): Promise<T> {
    return this.#connection.call(task);
  }

  #clearNote(): void {
    try {
      if (this.#notes) clearRunning(this.#notes, this.#tab);
    } catch {
      // Nothing to clear where storage is refused.
    }
  }

  #emit(status: KernelStatus): void {
    for (const listener of this.#listeners) listener(status);
  }
}

/** `localStorage`, or undefined where the browser refuses it (some private modes). */
function storage(): NoteStore | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
