import { createKernelRuntime } from '../../src/lib/kernel/runtime';
import { NOT_YET_MESSAGE } from '../../src/lib/lessons/exercises';
import type { Block, Lesson } from '../../src/lib/lessons/types';
import type { CheckResult } from '../../src/lib/kernel/outputs';
import type { LabServices } from '../../src/lib/lab/services';
import { setMysterySeeds } from '../../src/lib/lab/mystery';
import { sfc32 } from '../../src/lib/data/random';
import { useNodeServices } from './node-services';
import { openLessonProject, RUNNER_MYSTERY_SEED } from './run-lessons';

type Exercise = Extract<Block, { kind: 'exercise' }>;

/**
 * A lesson open in a fresh Node kernel, driven cell by cell as a student would: for tests that
 * try a cheat on one exercise, or run the lesson twice and compare what it stored.
 */
export interface LessonSession {
  services: LabServices;
  /** Runs code as the cell `id`; a cell that throws rejects with its message. */
  run(id: string, source: string): Promise<void>;
  /** Every code cell, and each exercise's solution, in page order — up to the block `stopAt`. */
  runAll(stopAt?: string): Promise<void>;
  /** Puts `code` in the exercise's cell, runs it (an error counts as a failed check) and checks. */
  attempt(exerciseId: string, code: string): Promise<CheckResult>;
  /** Runs `source` as a check of the exercise `id` (sees what checks see: the hidden setup). */
  check(id: string, source: string): Promise<CheckResult>;
  /** The exercise block, for its starter and solution. */
  exercise(id: string): Exercise;
  close(): void;
}

export async function openLessonSession(lesson: Lesson): Promise<LessonSession> {
  const services = useNodeServices();
  setMysterySeeds(sfc32(RUNNER_MYSTERY_SEED));
  const kernel = createKernelRuntime();
  kernel.setLesson(lesson.meta.id);
  await openLessonProject(services.projects, kernel, lesson);
  await kernel.reset();
  const outcome = async (result: Promise<{ outputs: { type: string; message?: string }[] }>) =>
    (await result).outputs.find((o) => o.type === 'error')?.message;
  const run = async (id: string, source: string) => {
    const error = await outcome(kernel.run(id, source, () => {}));
    if (error !== undefined) throw new TypeError(`Cell "${id}" of ${lesson.meta.id}: ${error}`);
  };
  for (const block of lesson.blocks)
    if (block.kind === 'setup') {
      const error = await outcome(kernel.runSetup(block.id, block.source, () => {}));
      if (error !== undefined) throw new TypeError(`Setup of ${lesson.meta.id}: ${error}`);
    }
  const exercise = (id: string) => {
    const found = lesson.blocks.find((b): b is Exercise => b.kind === 'exercise' && b.id === id);
    if (!found) throw new TypeError(`${lesson.meta.id} has no exercise "${id}".`);
    return found;
  };
  return {
    services,
    run,
    async runAll(stopAt) {
      for (const block of lesson.blocks) {
        if ('id' in block && block.id === stopAt) return;
        if (block.kind === 'code') await run(block.id, block.source);
        if (block.kind === 'exercise') await run(block.id, block.solution);
      }
    },
    async attempt(exerciseId, code) {
      const block = exercise(exerciseId);
      const error = await outcome(kernel.run(block.id, code, () => {}));
      if (error !== undefined) return { pass: false, message: `The cell threw: ${error}` };
      return kernel.check(block.id, block.check, NOT_YET_MESSAGE);
    },
    check: (id, source) => kernel.check(id, source, NOT_YET_MESSAGE),
    exercise,
    close: () => setMysterySeeds(undefined),
  };
}
