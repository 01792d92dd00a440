import { describe, expect, it } from 'vitest';
import { checkAll, formatLessonError } from '../../../src/lib/lessons';
import { runLessonInNode } from '../../../scripts/lesson-runner/run-lessons';
import { readLessonFiles } from '../../../scripts/vite/lessons-plugin';

// The same runner as `npm run lessons:check -- --run`: a new lesson is tested with no edit here.
const { lessons, errors } = checkAll(readLessonFiles('lessons'));

describe('shipped lessons', () => {
  it('parse with no errors, each with an exercise', () => {
    expect(errors.map(formatLessonError)).toEqual([]);
    expect(lessons.filter((l) => l.meta.exercises === 0).map((l) => l.meta.id)).toEqual([]);
  });

  describe('run top to bottom in the kernel: starters fail their checks, solutions pass', () => {
    for (const lesson of lessons)
      it(
        lesson.meta.path,
        async () => {
          expect((await runLessonInNode(lesson)).map(formatLessonError)).toEqual([]);
        },
        120_000,
      );
  });
});
