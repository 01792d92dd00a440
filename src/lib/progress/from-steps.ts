import { recordProgress, startProgress, type ProgressLog } from './estimate';

/** What a stored step says of its timing (a CI workflow step, a pipeline step). */
export interface TimedStep {
  finished: boolean;
  startedAt: number | null;
  durationMs: number | null;
}

/**
 * A progress log rebuilt from stored steps: each finished step is a sample at the time it
 * ended, so a page that only reads the stored record (the CI page polls its runs) gets elapsed
 * time and an estimate without keeping any state of its own. A finished step with no timing
 * (skipped) counts at the start.
 */
export function progressFromSteps(
  startedAt: number,
  steps: readonly TimedStep[],
  unit = 'steps',
): ProgressLog {
  const ends = steps
    .filter((s) => s.finished)
    .map((s) => (s.startedAt === null ? startedAt : s.startedAt + (s.durationMs ?? 0)))
    .sort((a, b) => a - b);
  return ends.reduce(
    (log, at, i) => recordProgress(log, i + 1, Math.max(at, startedAt)),
    startProgress(steps.length, unit, startedAt),
  );
}
