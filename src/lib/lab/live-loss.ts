import { LiveDisplay } from '../kernel/to-output';
import { recordProgress, startProgress, type ProgressLog } from '../progress/estimate';
import { stopSignal } from '../tracking/stop-requests';
import type { EpochReport } from '../train/mlp';

/** What the cell's live loss output carries (rendered by TrainingProgressOutput.svelte). */
export interface TrainingProgressData {
  title: string;
  /** Epochs planned, when known. */
  epochs: number | null;
  /** The epochs so far, thinned to at most MAX_POINTS (the last is always there). */
  points: EpochReport[];
  status: 'running' | 'done' | 'failed' | 'stopped';
  /** The trainer once known ("fused, javascript-float64"), or why training ended. */
  note: string | null;
  /** Epochs (or rounds) done against planned, for the bar's elapsed time and estimate. */
  progress: ProgressLog;
  /**
   * Where the cell's Cancel button sends its request (requestStop with this id), heard by the
   * kernel that trains; null when nothing listens, and the bar then offers no Cancel.
   */
  cancelId: string | null;
}

export const TRAINING_PROGRESS = 'training-progress';

/** Updates more often than this are held back (the last one is always shown). */
const MIN_INTERVAL_MS = 250;
/**
 * The most epochs one update carries: a curve needs no more, and each update is cloned twice on
 * its way to the page and rendered there, so its size must not grow with a 5,000-epoch run.
 */
export const MAX_POINTS = 200;

/** At most `max` points, evenly spaced, always the first and the last. */
export function thinPoints<T>(points: readonly T[], max = MAX_POINTS): T[] {
  if (points.length <= max) return points.slice();
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]!);
}
let serial = 0;

/**
 * The loss per epoch as one output of the running cell, updated in place as epochs arrive
 * (at most four times a second, so a fast small network does not flood the page), and closed with
 * the trainer that ran or why training stopped.
 */
export class LiveLoss {
  readonly #id = `training-${Date.now().toString(36)}-${++serial}`;
  readonly #data: TrainingProgressData;
  #shownAt = 0;
  #pending: ReturnType<typeof setTimeout> | null = null;
  readonly #cancel: { signal: AbortSignal; close(): void };

  constructor(
    private readonly display: (value: unknown) => void,
    title: string,
    epochs: number | null,
    unit = 'epochs',
  ) {
    this.#cancel = stopSignal(this.#id);
    this.#data = {
      title,
      epochs,
      points: [],
      status: 'running',
      note: null,
      progress: startProgress(epochs, unit, Date.now()),
      cancelId: typeof BroadcastChannel === 'function' ? this.#id : null,
    };
    this.#show();
  }

  /** Aborts when the student presses Cancel on this output; pass it to the trainer. */
  get cancelSignal(): AbortSignal {
    return this.#cancel.signal;
  }

  /** Whether the student cancelled from the cell (rather than the run page or a failure). */
  get cancelled(): boolean {
    return this.#cancel.signal.aborted;
  }

  epoch(report: EpochReport): void {
    this.#data.points.push(report);
    this.#data.progress = recordProgress(this.#data.progress, report.epoch, Date.now());
    const wait = this.#shownAt + MIN_INTERVAL_MS - performance.now();
    if (wait <= 0) this.#show();
    else this.#pending ??= setTimeout(() => this.#show(), wait);
  }

  end(status: 'done' | 'failed' | 'stopped', note: string | null): void {
    this.#cancel.close();
    this.#data.cancelId = null;
    this.#data.status = status;
    this.#data.note = note;
    this.#show();
  }

  #show(): void {
    if (this.#pending !== null) clearTimeout(this.#pending);
    this.#pending = null;
    this.#shownAt = performance.now();
    const snapshot: TrainingProgressData = { ...this.#data, points: thinPoints(this.#data.points) };
    this.display(new LiveDisplay(this.#id, TRAINING_PROGRESS, snapshot));
  }
}

/** SVG polyline points for the loss curves in a `width` × `height` box (y from the lowest loss up). */
export function lossCurves(
  data: TrainingProgressData,
  width: number,
  height: number,
): { loss: string; valLoss: string; low: number; high: number } {
  const values = data.points.flatMap((p) => (p.valLoss === null ? [p.loss] : [p.loss, p.valLoss]));
  const finite = values.filter(Number.isFinite);
  const low = finite.length ? Math.min(...finite) : 0;
  const high = finite.length ? Math.max(...finite) : 1;
  const last = Math.max(data.epochs ?? 0, data.points.length, 2);
  const x = (epoch: number) => ((epoch - 1) / (last - 1)) * width;
  const y = (v: number) => height - ((v - low) / (high - low || 1)) * height;
  const line = (pick: (p: EpochReport) => number | null) =>
    data.points
      .flatMap((p) => {
        const v = pick(p);
        return v === null || !Number.isFinite(v)
          ? []
          : [`${x(p.epoch).toFixed(1)},${y(v).toFixed(1)}`];
      })
      .join(' ');
  return { loss: line((p) => p.loss), valLoss: line((p) => p.valLoss), low, high };
}
