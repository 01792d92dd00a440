import { proxy } from 'comlink';
import { WorkerConnection } from './worker-connection';
import type { GradingWorkerApi } from '../workers/grading.worker';
import { gradeWithTimeouts, runPool, type StudentGrader } from '../lib/grading/grade-queue';
import type { GradingError } from '../lib/grading/errors';
import type { GradingPack, StudentOutcome, Submission } from '../lib/grading/types';
import type { Lesson } from '../lib/lessons/types';

const defaultWorker = () =>
  new Worker(new URL('../workers/grading.worker.ts', import.meta.url), { type: 'module' });

export interface GradeAllOptions {
  /** Time one cell or exercise of a student may take. */
  stepMs?: number;
  onResult: (index: number, result: StudentOutcome | GradingError) => void;
  signal?: AbortSignal;
}

/**
 * Owns the Gradebook's grading workers: one fresh worker per student (a fresh kernel, so no
 * student's state reaches another's), one more at a time than there are cores (at most 4), each terminated when its student is
 * done, when a cell runs past its time limit, or on cancel. Nothing runs on the page's thread.
 */
export class GradingBridge {
  constructor(
    private readonly createWorker: () => Worker = defaultWorker,
    // One more worker than cores: a worker spends part of its start fetching and instantiating
    // modules, when the cores can grade another student.
    private readonly concurrency = Math.min(4, (navigator.hardwareConcurrency || 1) + 1),
  ) {}

  gradeAll(
    lesson: Lesson,
    pack: GradingPack | null,
    submissions: readonly Submission[],
    options: GradeAllOptions,
  ): Promise<void> {
    const siteUrl = new URL('./', location.href).href;
    const grader = (submission: Submission): StudentGrader => {
      const connection = new WorkerConnection<GradingWorkerApi>({
        create: this.createWorker,
        init: () => undefined,
        crashMessage: (detail) =>
          `The grading kernel for ${submission.student.name} crashed (${detail}). Their code may use too much memory; grade them again alone, or give manual points.`,
      });
      return {
        grade: (skip, onStep) =>
          connection.call((api) =>
            api.grade(siteUrl, lesson, submission, pack, skip, proxy(onStep)),
          ),
        stop: () => connection.stop(new Error('stopped')),
      };
    };
    return runPool(
      submissions,
      this.concurrency,
      (submission) =>
        gradeWithTimeouts(() => grader(submission), {
          stepMs: options.stepMs ?? 30_000,
          startMs: 120_000,
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      options.onResult,
      options.signal,
    );
  }
}
