import { checkAll } from '../../../src/lib/lessons';
import type { Lesson } from '../../../src/lib/lessons/types';
import { readLessonFiles } from '../../../scripts/vite/lessons-plugin';

let lessons: Lesson[] | undefined;

/** The shipped lessons, parsed once per test file. */
export function shippedLessons(): Lesson[] {
  return (lessons ??= checkAll(readLessonFiles('lessons')).lessons);
}

/** Lesson 01: two exercises on a small table, quick to grade. */
export function lessonOne(): Lesson {
  return shippedLessons().find((l) => l.meta.id === 'how-this-notebook-works')!;
}

export const PACK_FILE = 'grading/how-this-notebook-works.md';

/** A grading pack for lesson 01 whose hidden check a hard-coded answer fails. */
/** A grading pack for lesson 01: its hidden checks ask more than the lesson's own checks. */
export const PACK = `# Grading pack for lesson 01

Prose for the instructor is ignored; only hidden-check fences count.

\`\`\`js hidden-check for=longest-trip hint="longest should be a whole number of minutes."
return Number.isInteger(longest);
\`\`\`

\`\`\`js hidden-check for=rush-hour
expect(
  morning.columnNames().includes('passengers'),
  'morning should keep every column of trips: filter the rows, do not select columns.',
);
\`\`\`
`;
