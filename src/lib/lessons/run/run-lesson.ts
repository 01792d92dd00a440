import { lessonError, type LessonErrorCode } from '../errors';
import { NOT_YET_MESSAGE } from '../exercises';
import type { Block, Lesson, LessonError } from '../types';

/** What the runner needs from a kernel: `createKernelRuntime()` in Node, the worker in a page. */
export interface RunnerKernel {
  reset(): Promise<void>;
  run(
    cellId: string,
    source: string,
    onOutput: () => void,
  ): Promise<{ outputs: readonly { type: string; message?: string }[] }>;
  /** Hidden setup: declares where checks can read and cells cannot. */
  runSetup(
    cellId: string,
    source: string,
    onOutput: () => void,
  ): Promise<{ outputs: readonly { type: string; message?: string }[] }>;
  check(
    exerciseId: string,
    source: string,
    hint: string,
  ): Promise<{ pass: boolean; message: string }>;
}

/**
 * Runs a lesson top to bottom as a student who gets every exercise right would: setup, every
 * cell, and for each exercise its starter (the check must fail) and then its solution (the check
 * must pass). Problems come back as errors at the block's line, naming lesson and exercise.
 * The first cell that throws ends the run, since every later cell would fail for its sake.
 */
export async function runLesson(lesson: Lesson, kernel: RunnerKernel): Promise<LessonError[]> {
  const errors: LessonError[] = [];
  const name = `Lesson "${lesson.meta.id}"`;
  const fail = (block: Block & { line: number }, code: LessonErrorCode, message: string) =>
    errors.push(lessonError(lesson.meta.path, block.line, code, `${name}, ${message}`));
  const runs = async (
    block: Block & { id: string; line: number },
    source: string,
    what: string,
  ) => {
    const result = await (block.kind === 'setup' ? kernel.runSetup : kernel.run).call(
      kernel,
      block.id,
      source,
      () => {},
    );
    const error = result.outputs.find((o) => o.type === 'error');
    if (error)
      fail(block, 'LESSON_RUN_CELL_ERROR', `${what} throws: ${error.message ?? 'an error'}`);
    return !error;
  };
  await kernel.reset();
  const blocks = lesson.blocks;
  for (const block of blocks.filter((b) => b.kind === 'setup'))
    if (!(await runs(block, block.source, `setup cell "${block.id}"`))) return errors;
  for (const block of blocks) {
    if (block.kind === 'code' && !(await runs(block, block.source, `cell "${block.id}"`)))
      return errors;
    if (block.kind !== 'exercise') continue;
    const exercise = `exercise "${block.id}"`;
    if (!(await runs(block, block.source, `${exercise}: the starter code`))) return errors;
    const starter = await kernel.check(block.id, block.check, NOT_YET_MESSAGE);
    if (starter.pass)
      fail(
        block,
        'LESSON_RUN_STARTER_PASSES',
        `${exercise}: the check passes on the starter code, so it cannot tell a student who has not started. Make the check stricter or the starter emptier.`,
      );
    else if (/^The check itself raised/.test(starter.message))
      fail(
        block,
        'LESSON_RUN_CHECK_RAISED',
        `${exercise}: on the starter code, ${lowerFirst(starter.message)}. A check tells the student what is wrong with expect(…, message); it should not throw.`,
      );
    if (!(await runs(block, block.solution, `${exercise}: the solution`))) return errors;
    const solved = await kernel.check(block.id, block.check, NOT_YET_MESSAGE);
    if (!solved.pass)
      fail(
        block,
        'LESSON_RUN_SOLUTION_FAILS',
        `${exercise}: the solution does not pass the check: ${solved.message}`,
      );
  }
  return errors;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
