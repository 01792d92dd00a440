import { didYouMean, lessonError, type LessonErrorCode } from './errors';
import { rewriteLinks, type LinkContext } from './links';
import { markdownParser, renderTokens } from './markdown';
import type { Block, LessonError } from './types';

type Exercise = Extract<Block, { kind: 'exercise' }>;

/** A check, solution or hint fence, read before every exercise of the lesson is known. */
export interface PendingPart {
  kind: 'check' | 'solution' | 'hint';
  target: string;
  source: string;
  /** The check's `hint=` option, if the author wrote one. */
  hint?: string;
  line: number;
}

/** What the kernel says when a check returns false: the hints are revealed separately. */
export const NOT_YET_MESSAGE =
  'the check did not pass. Read the exercise again and rerun your cell.';

/** Attempts before "Show solution" appears when the exercise does not say (`solution-after=`). */
const DEFAULT_SOLUTION_AFTER = 3;

const FOR_UNKNOWN: Record<PendingPart['kind'], LessonErrorCode> = {
  check: 'LESSON_CHECK_UNKNOWN_EXERCISE',
  solution: 'LESSON_SOLUTION_UNKNOWN_EXERCISE',
  hint: 'LESSON_HINT_UNKNOWN_EXERCISE',
};

/**
 * Gives each exercise its one check (which must come after it), its one solution and its hints
 * in page order; reports every part that names no exercise and every exercise missing a part.
 */
export function attachParts(
  blocks: Block[],
  parts: PendingPart[],
  file: string,
  errors: LessonError[],
  links: { context: LinkContext; assets: Set<string> } = { context: {}, assets: new Set() },
): void {
  const exercises = new Map<string, Exercise>();
  for (const block of blocks) if (block.kind === 'exercise') exercises.set(block.id, block);
  const checked = new Map<string, number>();
  const solved = new Map<string, number>();
  const error = (line: number, code: LessonErrorCode, message: string) =>
    errors.push(lessonError(file, line, code, message));
  for (const part of parts) {
    const exercise = exercises.get(part.target);
    if (!exercise) {
      error(
        part.line,
        FOR_UNKNOWN[part.kind],
        `This ${part.kind} is for "${part.target}", but no exercise has that id.${didYouMean(part.target, [...exercises.keys()])} Either fix for=, or add a \`\`\`js exercise id=${part.target} title="…" block above it.`,
      );
    } else if (part.kind === 'hint') {
      // A hint's links and images are checked and rewritten like the prose's; its body starts
      // on the line after the fence.
      const tokens = markdownParser.parse(part.source, {});
      const site = { file, firstLine: part.line + 1, lines: part.source.split(/\r?\n/) };
      const rewritten = rewriteLinks(tokens, site, links.context);
      errors.push(...rewritten.errors);
      for (const asset of rewritten.assets) links.assets.add(asset);
      exercise.hints.push(renderTokens(tokens));
    } else if (part.kind === 'solution') {
      const earlier = solved.get(part.target);
      if (earlier !== undefined)
        error(
          part.line,
          'LESSON_DUPLICATE_SOLUTION',
          `Exercise "${part.target}" already has a solution on line ${earlier}. Keep one: the lesson runner checks exactly one answer per exercise.`,
        );
      else {
        solved.set(part.target, part.line);
        exercise.solution = part.source;
      }
    } else attachCheck(exercise, part, checked, error);
  }
  for (const exercise of exercises.values()) {
    if (!checked.has(exercise.id))
      error(
        exercise.line,
        'LESSON_EXERCISE_WITHOUT_CHECK',
        `Exercise "${exercise.id}" has no check. Add a \`\`\`js check for=${exercise.id} hint="…" block after it.`,
      );
    if (!solved.has(exercise.id))
      error(
        exercise.line,
        'LESSON_EXERCISE_WITHOUT_SOLUTION',
        `Exercise "${exercise.id}" has no solution. Add a \`\`\`js solution for=${exercise.id} block with a correct answer (students see it only on request; solution-after=never hides it from them).`,
      );
  }
}

function attachCheck(
  exercise: Exercise,
  check: PendingPart,
  checked: Map<string, number>,
  error: (line: number, code: LessonErrorCode, message: string) => void,
): void {
  const earlier = checked.get(check.target);
  if (check.line < exercise.line) {
    checked.set(check.target, check.line); // one error is enough: the fix is to move the check
    error(
      check.line,
      'LESSON_CHECK_BEFORE_EXERCISE',
      `This check comes before its exercise "${check.target}" (line ${exercise.line}). Move it below the exercise.`,
    );
  } else if (earlier !== undefined) {
    error(
      check.line,
      'LESSON_DUPLICATE_CHECK',
      `Exercise "${check.target}" already has a check on line ${earlier}. Keep one and merge the conditions into it.`,
    );
  } else {
    checked.set(check.target, check.line);
    exercise.check = check.source;
    // The check's hint= is plain text (often code): escaped, not read as Markdown.
    if (check.hint) exercise.hints.unshift(`<p>${markdownParser.utils.escapeHtml(check.hint)}</p>`);
  }
}

/** Points an exercise is worth when the exercise does not say (`points=`). */
export const DEFAULT_POINTS = 1;

/** `points=` → the points the exercise is worth when graded, or an error message. */
export function readPoints(value: string | undefined): number | { error: string } {
  if (value === undefined) return DEFAULT_POINTS;
  if (/^\d{1,3}(\.\d{1,2})?$/.test(value)) return Number(value);
  return {
    error: `points="${value}" is not a number of points. Write a number from 0 to 999 with at most two decimals, e.g. points=2 or points=0.5 (points=0: practice, not graded).`,
  };
}

/** `solution-after=` → attempts, null for `never`, or an error message. */
export function readSolutionAfter(value: string | undefined): number | null | { error: string } {
  if (value === undefined) return DEFAULT_SOLUTION_AFTER;
  if (value === 'never') return null;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  return {
    error: `solution-after="${value}" is not a number of attempts. Write a whole number from 0 to 99 (attempts before "Show solution" appears), or never.`,
  };
}
