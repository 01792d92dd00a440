import { describe, expect, it } from 'vitest';
import {
  WINDOW,
  progressView,
  recordProgress,
  startProgress,
  type ProgressLog,
} from '../../../src/lib/progress/estimate';
import { etaText, formatDuration, progressText } from '../../../src/lib/progress/format';

/** A log after steps finishing at the given times (ms from start 0), one unit each. */
function stepsAt(total: number | null, times: number[]): ProgressLog {
  return times.reduce(
    (log, at, i) => recordProgress(log, i + 1, at),
    startProgress(total, 'epochs', 0),
  );
}

describe('progress estimate', () => {
  it('gives fraction and elapsed, and no ETA before a rate is known', () => {
    const view = progressView(stepsAt(10, [5000]), 6000);
    expect(view.fraction).toBe(0.1);
    expect(view.elapsedMs).toBe(6000);
    expect(view.etaMs).toBeNull();
    expect(etaText(view)).toBe('estimating time left…');
  });

  it('ignores a slow first step: 5 s of warm-up, then 100 ms a step', () => {
    const times = [5000, 5100, 5200, 5300, 5400];
    const view = progressView(stepsAt(100, times), 5400);
    // 95 steps left at 10 per second; a rate from the start (5 / 5.4 s) would say about 103 s.
    expect(view.rate).toBeCloseTo(10, 6);
    expect(view.etaMs).toBeCloseTo(9500, 6);
  });

  it('forgets the slow start once the window has moved past it', () => {
    const times = [
      1000,
      3000,
      5000,
      ...Array.from({ length: WINDOW + 2 }, (_, i) => 5100 + i * 100),
    ];
    const log = stepsAt(50, times);
    expect(log.samples).toHaveLength(WINDOW + 1);
    expect(progressView(log, times.at(-1)!).rate).toBeCloseTo(10, 6);
  });

  it('counts the estimate down between updates and never below zero', () => {
    const log = stepsAt(10, [1000, 2000, 3000]);
    expect(progressView(log, 3000).etaMs).toBe(7000);
    expect(progressView(log, 4500).etaMs).toBe(5500);
    expect(progressView(log, 60_000).etaMs).toBe(0);
  });

  it('is done at the total, whatever the rate', () => {
    const view = progressView(stepsAt(2, [1000, 1000]), 1500);
    expect(view.fraction).toBe(1);
    expect(view.etaMs).toBe(0);
  });

  it('shows elapsed only when the total is unknown', () => {
    const view = progressView(stepsAt(null, [1000, 2000]), 2500);
    expect(view.fraction).toBeNull();
    expect(view.etaMs).toBeNull();
    expect(progressText(view)).toBe('2 epochs, 3 s elapsed');
    expect(progressView(startProgress(0, 'rows', 0), 10).total).toBeNull();
  });

  it('ignores counts that go back, repeat, are not finite or arrive out of time order', () => {
    let log = stepsAt(10, [1000, 2000]);
    for (const [done, at] of [
      [2, 3000],
      [1, 3000],
      [Number.NaN, 3000],
      [Infinity, 3000],
      [3, 1500],
    ] as const)
      log = recordProgress(log, done, at);
    expect(log.samples.map((s) => s.done)).toEqual([1, 2]);
    expect(progressView(log, 2000).rate).toBe(1);
  });

  it('says it all in one sentence for the bar and screen readers', () => {
    const view = progressView(stepsAt(30, [2000, 3000, 4000]), 4000);
    expect(progressText(view)).toBe('10%, 3 of 30 epochs, 4 s elapsed, about 27 s left');
    // Ended: how far it got and how long it took, no estimate of a time that will not come.
    expect(progressText(view, false)).toBe('10%, 3 of 30 epochs, in 4 s');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [-5, '0 s'],
    [1499, '1 s'],
    [59_400, '59 s'],
    [65_000, '1 min 05 s'],
    [3_725_000, '1 h 02 min'],
  ])('%d ms is "%s"', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
