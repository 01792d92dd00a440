import { lessonError } from './errors';
import type { Block, LessonError } from './types';

export interface PendingCheck {
  target: string;
  source: string;
  hint: string;
  line: number;
}

export const DEFAULT_HINT = 'Not quite yet: read the exercise again and rerun your cell.';

/** Gives each exercise its one check, which must come after it; reports everything else. */
export function attachChecks(
  blocks: Block[],
  checks: PendingCheck[],
  file: string,
  errors: LessonError[],
): void {
  const exercises = new Map<string, Extract<Block, { kind: 'exercise' }>>();
  for (const block of blocks) if (block.kind === 'exercise') exercises.set(block.id, block);
  const checked = new Map<string, number>();
  for (const check of checks) {
    const exercise = exercises.get(check.target);
    const earlier = checked.get(check.target);
    if (!exercise) {
      errors.push(
        lessonError(
          file,
          check.line,
          'LESSON_CHECK_UNKNOWN_EXERCISE',
          `This check is for "${check.target}", but no exercise has that id. Either fix for=, or add a \`\`\`js exercise id=${check.target} title="…" block above it.`,
        ),
      );
    } else if (check.line < exercise.line) {
      checked.set(check.target, check.line); // one error is enough: the fix is to move the check
      errors.push(
        lessonError(
          file,
          check.line,
          'LESSON_CHECK_BEFORE_EXERCISE',
          `This check comes before its exercise "${check.target}" (line ${exercise.line}). Move it below the exercise.`,
        ),
      );
    } else if (earlier !== undefined) {
      errors.push(
        lessonError(
          file,
          check.line,
          'LESSON_DUPLICATE_CHECK',
          `Exercise "${check.target}" already has a check on line ${earlier}. Keep one and merge the conditions into it.`,
        ),
      );
    } else {
      checked.set(check.target, check.line);
      exercise.check = check.source;
      exercise.hint = check.hint;
    }
  }
  for (const exercise of exercises.values()) {
    if (!checked.has(exercise.id)) {
      errors.push(
        lessonError(
          file,
          exercise.line,
          'LESSON_EXERCISE_WITHOUT_CHECK',
          `Exercise "${exercise.id}" has no check. Add a \`\`\`js check for=${exercise.id} hint="…" block after it.`,
        ),
      );
    }
  }
}
