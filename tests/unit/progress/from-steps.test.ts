import { expect, it } from 'vitest';
import { progressFromSteps } from '../../../src/lib/progress/from-steps';
import { progressView } from '../../../src/lib/progress/estimate';

const step = (startedAt: number | null, durationMs: number | null, finished = true) => ({
  finished,
  startedAt,
  durationMs,
});

it('rebuilds progress from stored steps: samples at each end, in time order', () => {
  const log = progressFromSteps(1000, [
    step(3000, 1000),
    step(1000, 1000),
    step(4000, null, false),
    step(null, null, false),
  ]);
  expect(log.total).toBe(4);
  expect(log.samples).toEqual([
    { done: 1, at: 2000 },
    { done: 2, at: 4000 },
  ]);
  // One step per 2 s after the first: two left, about 4 s from the last end.
  expect(progressView(log, 4000).etaMs).toBe(4000);
});

it('counts an untimed finished step (skipped) at the start, and an empty run as unknown', () => {
  const log = progressFromSteps(500, [step(null, null), step(600, 400)]);
  expect(log.samples).toEqual([
    { done: 1, at: 500 },
    { done: 2, at: 1000 },
  ]);
  expect(progressFromSteps(0, []).total).toBeNull();
});
