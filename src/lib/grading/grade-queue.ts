import { GradingError } from './errors';
import type { StudentOutcome } from './types';

/** One student's grading in a kernel of its own, which `stop` ends at once (a worker terminated). */
export interface StudentGrader {
  grade(skip: string[], onStep: (cellId: string) => void): Promise<StudentOutcome>;
  stop(): void;
}

export interface TimeoutOptions {
  /** Time a cell or exercise (its code and checks) may take before it is stopped. */
  stepMs: number;
  /** Time a fresh kernel may take to load before its first cell. */
  startMs: number;
  signal?: AbortSignal;
}

/**
 * Grades one student with a time limit per cell: a cell that has not finished in `stepMs` (a
 * `while (true) {}` blocks its worker, so nothing inside can stop it) has its kernel stopped, and
 * the student is graded again in a fresh kernel that skips it. The skipped exercise scores
 * nothing and says why; every other exercise is still graded.
 */
export async function gradeWithTimeouts(
  start: () => StudentGrader,
  { stepMs, startMs, signal }: TimeoutOptions,
): Promise<StudentOutcome> {
  const skip: string[] = [];
  for (;;) {
    if (signal?.aborted) throw cancelled();
    const grader = start();
    let current: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await new Promise<StudentOutcome | { timedOut: string | null }>(
      (resolve, reject) => {
        const arm = (ms: number) => {
          clearTimeout(timer);
          timer = setTimeout(() => resolve({ timedOut: current }), ms);
        };
        const abort = () => reject(cancelled());
        signal?.addEventListener('abort', abort, { once: true });
        arm(startMs);
        grader
          .grade([...skip], (cellId) => {
            current = cellId;
            arm(stepMs);
          })
          .then(resolve, reject)
          .finally(() => signal?.removeEventListener('abort', abort));
      },
    ).finally(() => {
      clearTimeout(timer);
      grader.stop();
    });
    if (!('timedOut' in outcome)) return outcome;
    if (outcome.timedOut === null || skip.includes(outcome.timedOut))
      throw new GradingError(
        'crashed',
        `The grading kernel did not start within ${Math.round(startMs / 1000)} s. Close other tabs to free memory, then grade again.`,
      );
    skip.push(outcome.timedOut);
  }
}

/**
 * Runs `grade` over every job, `concurrency` at a time, and reports each result (or its error)
 * as it comes; an error grading one student does not stop the others. Aborting stops the jobs
 * running and starts no more.
 */
export async function runPool<J, R>(
  jobs: readonly J[],
  concurrency: number,
  grade: (job: J) => Promise<R>,
  onResult: (index: number, result: R | GradingError) => void,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < jobs.length && !signal?.aborted) {
      const index = next++;
      try {
        onResult(index, await grade(jobs[index]!));
      } catch (error) {
        if (signal?.aborted) return;
        onResult(
          index,
          error instanceof GradingError
            ? error
            : new GradingError('crashed', (error as Error).message),
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, jobs.length)) }, lane));
  if (signal?.aborted) throw cancelled();
}

const cancelled = () =>
  new GradingError(
    'cancelled',
    'Grading was cancelled; the students graded so far keep their results.',
  );
