import { Worker } from 'node:worker_threads';
import { createKernelRuntime } from '../../src/lib/kernel/runtime';
import { gradeStudent, type GradeStudentOptions } from '../../src/lib/grading/grade-student';
import type { StudentGrader } from '../../src/lib/grading/grade-queue';
import type { GradingPack, StudentOutcome, Submission } from '../../src/lib/grading/types';
import type { Lesson } from '../../src/lib/lessons/types';
import { setMysterySeeds } from '../../src/lib/lab/mystery';
import { sfc32 } from '../../src/lib/data/random';
import { useNodeServices } from './node-services';
import { openLessonProject, RUNNER_MYSTERY_SEED } from './run-lessons';

/** Grades one student in this process, in a fresh kernel on fresh in-memory services. */
export async function gradeInNode(
  lesson: Lesson,
  submission: Submission,
  pack: GradingPack | null,
  options: GradeStudentOptions = {},
): Promise<StudentOutcome> {
  const { projects } = useNodeServices();
  setMysterySeeds(sfc32(RUNNER_MYSTERY_SEED));
  try {
    const kernel = createKernelRuntime();
    kernel.setLesson(lesson.meta.id);
    await openLessonProject(projects, kernel, lesson);
    return await gradeStudent(lesson, submission, pack, kernel, options);
  } finally {
    setMysterySeeds(undefined);
  }
}

/**
 * A grader in a Node worker thread, so a cell stuck in `while (true) {}` can be stopped as the
 * page stops its grading worker: by terminating it.
 */
export function nodeStudentGrader(
  lesson: Lesson,
  submission: Submission,
  pack: GradingPack | null,
): StudentGrader {
  let worker: Worker | undefined;
  return {
    grade(skip, onStep) {
      worker = new Worker(new URL('./grade-worker-node.mjs', import.meta.url), {
        workerData: { lesson, submission, pack, skip },
      });
      const w = worker;
      return new Promise<StudentOutcome>((resolve, reject) => {
        w.on('message', (m: { step?: string; outcome?: StudentOutcome; error?: string }) => {
          if (m.step !== undefined) onStep(m.step);
          else if (m.outcome) resolve(m.outcome);
          else reject(new TypeError(m.error ?? 'the grading thread failed'));
        });
        w.on('error', reject);
      });
    },
    stop: () => void worker?.terminate(),
  };
}

export { solutions, submissionWith } from './submissions';
