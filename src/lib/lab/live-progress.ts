import { LiveDisplay } from '../kernel/to-output';
import { recordProgress, startProgress, type ProgressLog } from '../progress/estimate';
import { stopSignal } from '../tracking/stop-requests';

export const PROGRESS = 'progress';

/**
 * How the Cancel button of a cell's progress output stops the work: a request on the stop
 * channel with this id, heard by the kernel (which keeps running); or the notebook's interrupt,
 * for work in workers only the kernel's own end stops (their runs are then marked KILLED by the
 * notebook); null when there is nothing to cancel any more.
 */
export type CancelRoute = { channel: string } | 'interrupt' | null;

/** What a cell's progress output carries (rendered by ProgressOutput.svelte). */
export interface ProgressOutputData {
  title: string;
  progress: ProgressLog;
  status: 'running' | 'done' | 'failed' | 'stopped';
  /** What ended it, or the latest step ("train: done"). */
  note: string | null;
  cancel: CancelRoute;
}

let serial = 0;

/**
 * A long operation's progress as one output of the running cell, updated in place (the kernel's
 * displayId channel). Updates come once per step (a pipeline step, a sweep trial), seconds apart,
 * so none is held back.
 */
export class LiveProgress {
  readonly #id = `progress-${Date.now().toString(36)}-${++serial}`;
  readonly #data: ProgressOutputData;
  readonly #channel: { signal: AbortSignal; close(): void } | null;

  constructor(
    private readonly display: (value: unknown) => void,
    title: string,
    total: number | null,
    unit: string,
    cancel: 'channel' | 'interrupt',
  ) {
    const listens = cancel === 'channel' && typeof BroadcastChannel === 'function';
    this.#channel = listens ? stopSignal(this.#id) : null;
    this.#data = {
      title,
      progress: startProgress(total, unit, Date.now()),
      status: 'running',
      note: null,
      cancel: listens ? { channel: this.#id } : cancel === 'interrupt' ? 'interrupt' : null,
    };
    this.#show();
  }

  /** Aborts when the student presses Cancel (channel route only; never fires otherwise). */
  get cancelSignal(): AbortSignal {
    return this.#channel?.signal ?? new AbortController().signal;
  }

  step(done: number, note: string | null = null): void {
    this.#data.progress = recordProgress(this.#data.progress, done, Date.now());
    this.#data.note = note;
    this.#show();
  }

  /** Ends the output; only the first end counts (a failure is not turned into "done"). */
  end(status: 'done' | 'failed' | 'stopped', note: string | null): void {
    if (this.#data.status !== 'running') return;
    this.#channel?.close();
    this.#data.cancel = null;
    this.#data.status = status;
    this.#data.note = note;
    this.#show();
  }

  #show(): void {
    this.display(new LiveDisplay(this.#id, PROGRESS, { ...this.#data }));
  }
}
