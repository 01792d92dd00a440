import { LiveDisplay } from '../kernel/to-output';
import {
  progressView,
  recordProgress,
  startProgress,
  type ProgressLog,
} from '../progress/estimate';
import { countText } from '../progress/format';
import { stopSignal } from '../tracking/stop-requests';
import { LabError } from './errors';

export const PROGRESS = 'progress';

/**
 * Where the Cancel button of a cell's progress output sends its request: the stop channel with
 * this id, heard by the kernel, which stops the work (terminating the workers behind it) and keeps
 * running; null when nothing listens or there is nothing to cancel any more.
 */
export type CancelRoute = { channel: string } | null;

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
 * Work that may or may not be long (a drift test on 400 rows or on 1.4 M) shows its bar only once
 * it has run this long, so the quick calls of a lesson do not fill its cells with finished bars.
 */
export const SHOW_AFTER_MS = 1000;

/**
 * A long operation's progress as one output of the running cell, updated in place (the kernel's
 * displayId channel). Updates come once per step (a pipeline step, a sweep trial), seconds apart,
 * so none is held back.
 */
export class LiveProgress {
  readonly #id = `progress-${Date.now().toString(36)}-${++serial}`;
  readonly #data: ProgressOutputData;
  readonly #channel: { signal: AbortSignal; close(): void } | null;
  /** Set while the bar waits to be shown (showAfterMs); updates until then are only recorded. */
  #waiting: ReturnType<typeof setTimeout> | null = null;

  /**
   * `showAfterMs`: 0 shows the bar at once (work known to be long); otherwise it appears only if
   * the work is still running then. The work must yield now and then for the timer to fire,
   * which it must anyway for Cancel to be heard.
   */
  constructor(
    private readonly display: (value: unknown) => void,
    title: string,
    total: number | null,
    unit: string,
    showAfterMs = 0,
  ) {
    const listens = typeof BroadcastChannel === 'function';
    this.#channel = listens ? stopSignal(this.#id) : null;
    this.#data = {
      title,
      progress: startProgress(total, unit, Date.now()),
      status: 'running',
      note: null,
      cancel: listens ? { channel: this.#id } : null,
    };
    if (showAfterMs <= 0) this.#show();
    else
      this.#waiting = setTimeout(() => {
        this.#waiting = null;
        this.#show();
      }, showAfterMs);
  }

  /** Units done so far. */
  get done(): number {
    return this.#data.progress.samples.at(-1)?.done ?? 0;
  }

  /** "3 of 12 trials": how far the work got. */
  get doneText(): string {
    return countText(progressView(this.#data.progress, Date.now()));
  }

  /** Aborts when the student presses Cancel (never where there is no BroadcastChannel). */
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
    // Work that ended before its bar was due leaves no bar behind.
    if (this.#waiting !== null) {
      clearTimeout(this.#waiting);
      this.#waiting = null;
      return;
    }
    this.#show();
  }

  /**
   * Ends the bar as cancelled and returns the error the awaiting cell gets: how far the work got
   * and what became of it (`outcome`, e.g. "the 3 finished runs are kept").
   */
  cancelled(outcome: string): LabError {
    const message = `Cancelled by you after ${this.doneText}${outcome ? `: ${outcome}` : ''}. The kernel and your variables are intact.`;
    this.end('stopped', `cancelled after ${this.doneText}`);
    return new LabError('cancelled', message);
  }

  #show(): void {
    if (this.#waiting !== null) return;
    this.display(new LiveDisplay(this.#id, PROGRESS, { ...this.#data }));
  }
}

/**
 * Runs `work` a step at a time, each step counted on `bar`, with a macrotask between steps: the
 * bar's updates go out and a Cancel (a message) can land. A Cancel stops the work before its next
 * step and rejects with the cancel's reason; the caller turns that into bar.cancelled(…).
 */
export async function runInSteps<T>(work: Generator<void, T, void>, bar: LiveProgress): Promise<T> {
  let done = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    bar.cancelSignal.throwIfAborted();
    const step = work.next();
    if (step.done) return step.value;
    bar.step(++done);
  }
}

/** How long `collectInSlices` works between two yields: a Cancel lands within about this long. */
export const SLICE_MS = 50;

/**
 * The items of `items` (made as they are asked for: windows, batches), told to `onItem` one by
 * one, with a macrotask every SLICE_MS so a bar's updates go out and a Cancel can land; `signal`
 * stops before the next item and rejects with its reason. One yield per slice rather than per
 * item: a timer per item would cost more than quick items (browsers clamp nested timers to 4 ms).
 */
export async function collectInSlices<T>(
  items: Iterator<T, unknown, void>,
  signal: AbortSignal,
  onItem: (item: T) => void,
): Promise<void> {
  let slice = performance.now();
  for (;;) {
    if (performance.now() - slice >= SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      slice = performance.now();
    }
    signal.throwIfAborted();
    const next = items.next();
    if (next.done) return;
    onItem(next.value);
  }
}
