import type { LessonError } from './types';

/** Every error code the lesson tooling reports, with what it means (docs/authoring.md lists them). */
export const LESSON_ERROR_CODES = {
  LESSON_NO_FRONTMATTER: 'the file does not start with a "---" line',
  LESSON_UNCLOSED_FRONTMATTER: 'the frontmatter has no closing "---" line',
  LESSON_BAD_YAML: 'the frontmatter is not valid YAML',
  LESSON_UNKNOWN_FIELD: 'a frontmatter field the schema does not know',
  LESSON_MISSING_FIELD: 'a required frontmatter field is absent',
  LESSON_BAD_FIELD: 'a frontmatter field has the wrong type or value',
  LESSON_BAD_FENCE: 'a fence line cannot be read',
  LESSON_UNKNOWN_OPTION: 'an option a fence of that kind does not take',
  LESSON_NESTED_FENCE: 'a cell, exercise, check, solution, hint or widget inside a list or quote',
  LESSON_SYNTAX_ERROR: 'JavaScript in a cell, exercise, check or solution does not parse',
  LESSON_DUPLICATE_ID: 'two blocks of one lesson share an id',
  LESSON_EXERCISE_OPTIONS: 'an exercise without its id or title',
  LESSON_BAD_SOLUTION_AFTER: 'solution-after= that is neither a number of attempts nor never',
  LESSON_BAD_POINTS: 'points= that is not a number of points from 0 to 999',
  LESSON_HIDDEN_CHECK_IN_LESSON:
    "a hidden-check fence in lesson.md instead of the instructor's grading pack",
  LESSON_CHECK_OPTIONS: 'a check without for=',
  LESSON_EXERCISE_WITHOUT_CHECK: 'an exercise no check refers to',
  LESSON_CHECK_UNKNOWN_EXERCISE: 'a check for an id that is no exercise',
  LESSON_CHECK_BEFORE_EXERCISE: 'a check placed above its exercise',
  LESSON_DUPLICATE_CHECK: 'a second check for one exercise',
  LESSON_SOLUTION_OPTIONS: 'a solution without for=',
  LESSON_SOLUTION_UNKNOWN_EXERCISE: 'a solution for an id that is no exercise',
  LESSON_DUPLICATE_SOLUTION: 'a second solution for one exercise',
  LESSON_EXERCISE_WITHOUT_SOLUTION: 'an exercise no solution refers to',
  LESSON_HINT_OPTIONS: 'a hint without for=',
  LESSON_HINT_UNKNOWN_EXERCISE: 'a hint for an id that is no exercise',
  LESSON_EMPTY_HINT: 'a hint fence with nothing in it',
  LESSON_UNKNOWN_WIDGET: 'a widget name the registry does not know',
  LESSON_BAD_WIDGET_OPTIONS: "widget options that fail the widget's schema",
  LESSON_BAD_FOLDER: 'a lesson file not at lessons/NN-slug/lesson.md',
  LESSON_DUPLICATE_LESSON_ID: 'two lessons share an id',
  LESSON_UNKNOWN_PREREQUISITE: 'a prerequisite that is not a lesson id',
  LESSON_UNKNOWN_LINK: 'a link to #/lesson/<id> or ../NN-slug/lesson.md that names no lesson',
  LESSON_UNSAFE_LINK: 'a javascript:, vbscript:, file: or data: link, refused and shown as text',
  LESSON_LINK_OUTSIDE: 'a link or image path that leads outside the lesson folder',
  LESSON_MISSING_ASSET: 'an image or link to a file that is not beside lesson.md',
  LESSON_ASSET_TOO_LARGE: 'a file beside lesson.md over the size limit',
  LESSON_ASSET_TYPE: 'a file beside lesson.md of a type the site does not serve',
  LESSON_ASSET_UNSAFE: 'an SVG beside lesson.md that could run script',
  LESSON_UNKNOWN_DATASET: 'a datasets: name that is no folder of datasets/',
  LESSON_FOLDER_WITHOUT_LESSON: 'an NN-slug folder in lessons/ without a lesson.md',
  LESSON_YAML_MERGED_ITEM: 'a YAML list item continued on the next line, so two items became one',
  LESSON_SEED_BAD_PATH: 'a file in project/ whose path a project refuses',
  LESSON_SEED_NOT_TEXT: 'a file in project/ that is not UTF-8 text',
  LESSON_SEED_TOO_LARGE: 'project/ holds too many files or too many bytes',
  LESSON_SEED_MISSING: 'frontmatter project: without a project/ folder',
  LESSON_RUN_CELL_ERROR: 'lessons:check --run: a cell, starter or solution throws',
  LESSON_RUN_STARTER_PASSES: "lessons:check --run: an exercise's check passes on its starter code",
  LESSON_RUN_CHECK_RAISED: 'lessons:check --run: a check throws on the starter code',
  LESSON_RUN_SOLUTION_FAILS: "lessons:check --run: an exercise's solution fails its check",
  LESSON_COURSE_BAD_YAML: 'lessons/course.yaml is not valid YAML, or is far too large',
  LESSON_COURSE_BAD_FIELD: 'a course.yaml field the schema does not know or refuses',
  LESSON_COURSE_UNKNOWN_LESSON: 'a course.yaml lesson id that is no lesson',
  LESSON_COURSE_DUPLICATE_LESSON: 'a lesson listed twice in course.yaml',
  LESSON_COURSE_MISSING_LESSON: 'a lesson that no part of course.yaml lists',
  LESSON_COURSE_ORDER: 'a lesson listed before one of its prerequisites',
  LESSON_COURSE_DRAFT_PREREQUISITE: 'a published lesson whose prerequisite is a draft',
  GRADING_PACK_UNKNOWN_LESSON: 'a grading pack whose file name names no lesson',
  GRADING_PACK_FENCE: 'a fence in a grading pack that is not a hidden-check',
  GRADING_PACK_OPTIONS: 'a hidden-check without for=',
  GRADING_PACK_UNKNOWN_EXERCISE: 'a hidden-check for an id that is no exercise of the lesson',
  LESSON_PACK_READ_FAILED: "a course pack's file could not be read (not a 404: the host failed)",
  LESSON_PACK_MISSING_LESSON: "a course pack's course.yaml names a folder with no lesson.md",
  LESSON_PACK_ID_MISMATCH:
    "a course pack's lesson whose frontmatter id is not the one course.yaml lists",
  LESSON_PACK_BAD_ZIP: 'a course pack zip that cannot be read, or holds no course.yaml',
  LESSON_PACK_SKIPPED_ENTRY: 'a course pack zip entry left out (a path that escapes, or a clash)',
  LESSON_PACK_NOT_TEXT: "a course pack's course.yaml or lesson.md that is not UTF-8 text",
} as const;

export type LessonErrorCode = keyof typeof LESSON_ERROR_CODES;

export function lessonError(
  file: string,
  line: number,
  code: LessonErrorCode,
  message: string,
  column = 1,
): LessonError {
  return { code, file, line, column, message };
}

/** The one format: `file:line:column error CODE: message`. */
export function formatLessonError(error: LessonError): string {
  return `${error.file}:${error.line}:${error.column} error ${error.code}: ${error.message}`;
}

/** `['practices', 0]` → `practices[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

/** ` Did you mean "x"?` for the closest candidate by edit distance, or ''. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const hint = closest(word, candidates);
  return hint ? ` Did you mean "${hint}"?` : '';
}

/** The closest candidate by edit distance, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return prev[b.length]!;
}
