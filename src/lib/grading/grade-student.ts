import { NOT_YET_MESSAGE } from '../lessons/exercises';
import type { RunnerKernel } from '../lessons/run/run-lesson';
import type { Block, Lesson } from '../lessons/types';
import type { ExerciseResult, GradingPack, StudentOutcome, Submission } from './types';

/** What a hidden check that returns false says when the instructor gave no `hint=`. */
export const HIDDEN_NOT_YET = 'a hidden check did not pass.';

export interface GradeStudentOptions {
  /** Cells and exercises not to run: they never finished before (see grade-queue.ts). */
  skip?: ReadonlySet<string>;
  /** Told before each cell or exercise starts, so a watcher can time it. */
  onStep?: (cellId: string) => void;
}

/**
 * Re-executes one student's notebook in a fresh kernel, as "Run all" would: the lesson's hidden
 * setup, then each lesson cell in lesson order with the student's code for it, each followed by
 * the student's own scratch cells under it; after each exercise, the lesson's check and then the
 * pack's hidden checks. Nothing the submission says about its own results is read: a file with
 * every check set to pass gains nothing. The lesson's blocks decide the order and the checks;
 * the submission only supplies code.
 */
export async function gradeStudent(
  lesson: Lesson,
  submission: Submission,
  pack: GradingPack | null,
  kernel: RunnerKernel,
  options: GradeStudentOptions = {},
): Promise<StudentOutcome> {
  const skip = options.skip ?? new Set<string>();
  const code = new Map(
    submission.cells.filter((c) => c.kind !== 'scratch').map((c) => [c.id, c.source]),
  );
  for (const e of submission.exercises) if (!code.has(e.id)) code.set(e.id, e.source);
  const outcome: StudentOutcome = { exercises: [], cellErrors: [] };
  const run = async (cellId: string, source: string, setup = false): Promise<string | null> => {
    if (skip.has(cellId)) return `did not finish in the time allowed, so it was skipped`;
    options.onStep?.(cellId);
    const result = await (setup ? kernel.runSetup : kernel.run).call(
      kernel,
      cellId,
      source,
      () => {},
    );
    const error = result.outputs.find((o) => o.type === 'error');
    return error ? `threw: ${error.message ?? 'an error'}` : null;
  };
  const note = (cellId: string, error: string | null) => {
    if (error) outcome.cellErrors.push({ cellId, message: error });
  };

  await kernel.reset();
  for (const block of lesson.blocks)
    if (block.kind === 'setup') note(block.id, await run(block.id, block.source, true));
  for (const block of lesson.blocks) {
    if (block.kind === 'code')
      note(block.id, await run(block.id, code.get(block.id) ?? block.source));
    if (block.kind === 'exercise') outcome.exercises.push(await gradeExercise(block));
    if (block.kind !== 'code' && block.kind !== 'exercise') continue;
    for (const own of submission.cells)
      if (own.kind === 'scratch' && own.anchor === block.id)
        note(own.id, await run(own.id, own.source));
  }
  return outcome;

  async function gradeExercise(
    block: Extract<Block, { kind: 'exercise' }>,
  ): Promise<ExerciseResult> {
    const hiddenChecks = pack?.checks.filter((c) => c.exerciseId === block.id) ?? [];
    const failAll = (message: string, timedOut?: boolean): ExerciseResult => ({
      exerciseId: block.id,
      check: { pass: false, message },
      hidden: hiddenChecks.map((h) => ({
        pass: false,
        message: 'not run: ' + message,
        line: h.line,
      })),
      ...(timedOut ? { timedOut } : {}),
    });
    if (skip.has(block.id))
      return failAll(
        'the exercise did not finish in the time allowed (an endless loop?), so it was stopped.',
        true,
      );
    const error = await run(block.id, code.get(block.id) ?? block.source);
    if (error) return failAll(`the exercise cell ${error}`);
    const check = await kernel.check(block.id, block.check, NOT_YET_MESSAGE);
    const hidden = [];
    for (const h of hiddenChecks) {
      const result = await kernel.check(block.id, h.source, h.hint ?? HIDDEN_NOT_YET);
      hidden.push({ ...result, line: h.line });
    }
    return { exerciseId: block.id, check, hidden };
  }
}
