/**
 * Progress of one long operation as plain data (it crosses worker boundaries and is cloned into a
 * cell's output), and what a progress bar shows of it: the fraction done, the time elapsed and an
 * estimate of the time left.
 *
 * The estimator: the rate is the slope between the oldest and the newest of the last WINDOW
 * samples, and the time before the first unit finished is never part of it. The first epoch,
 * trial or chunk pays for starting a worker, loading TF.js, compiling kernels and warming the JIT;
 * a rate from the start (done / elapsed) would carry that cost until the end and overstate the
 * time left for most of the run, and a rate from the last step alone would jump with each noisy
 * step. A window of recent steps forgets the slow start after WINDOW steps and still follows a
 * rate that changes (early stopping, a trial that is bigger than the others).
 */

export interface ProgressSample {
  /** Units done at this moment. */
  done: number;
  /** Wall-clock time in ms (Date.now()), the same clock in a worker and on the page. */
  at: number;
}

export interface ProgressLog {
  /** Units planned; null when unknown (the bar then shows elapsed time only). */
  total: number | null;
  /** What a unit is, in the plural ("epochs", "trials", "rows"). */
  unit: string;
  startedAt: number;
  /** The latest samples, at most WINDOW + 1 (the newest last). */
  samples: ProgressSample[];
}

export interface ProgressView {
  done: number;
  total: number | null;
  unit: string;
  /** 0…1, or null when the total is unknown. */
  fraction: number | null;
  elapsedMs: number;
  /** Estimated time left; null until two samples after the first unit give a rate. */
  etaMs: number | null;
  /** Units per second from the window, or null. */
  rate: number | null;
}

/** How many recent steps the rate is measured over. */
export const WINDOW = 8;

export function startProgress(total: number | null, unit: string, at: number): ProgressLog {
  const planned = total !== null && Number.isFinite(total) && total > 0 ? total : null;
  return { total: planned, unit, startedAt: at, samples: [] };
}

/**
 * The log with `done` units at time `at`. A sample that goes back (a restarted count) or repeats
 * the last count is ignored, so the rate never turns negative or infinite.
 */
export function recordProgress(log: ProgressLog, done: number, at: number): ProgressLog {
  const last = log.samples.at(-1);
  if (!Number.isFinite(done) || done <= 0 || (last && (done <= last.done || at < last.at)))
    return log;
  const samples = [...log.samples, { done, at }].slice(-(WINDOW + 1));
  return { ...log, samples };
}

export function progressView(log: ProgressLog, now: number): ProgressView {
  const last = log.samples.at(-1);
  const done = last?.done ?? 0;
  const total = log.total;
  const fraction = total === null ? null : Math.min(1, done / total);
  const elapsedMs = Math.max(0, now - log.startedAt);
  const rate = windowRate(log.samples);
  let etaMs: number | null = null;
  if (total !== null && done >= total) etaMs = 0;
  else if (total !== null && rate !== null && last) {
    // Counted from the last sample, so the estimate runs down between updates; a step that is
    // taking longer than the rate predicts holds it at zero rather than going negative.
    etaMs = Math.max(0, ((total - done) / rate) * 1000 - (now - last.at));
  }
  return { done, total, unit: log.unit, fraction, elapsedMs, etaMs, rate };
}

/** Units per second over the window, or null with fewer than two samples (the first is warm-up). */
function windowRate(samples: readonly ProgressSample[]): number | null {
  if (samples.length < 2) return null;
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const ms = last.at - first.at;
  if (ms <= 0) return null;
  return ((last.done - first.done) / ms) * 1000;
}
