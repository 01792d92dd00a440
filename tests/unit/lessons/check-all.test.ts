import { describe, expect, it } from 'vitest';
import { checkAll, formatLessonError } from '../../../src/lib/lessons';
import { readLessonFiles } from '../../../scripts/vite/lessons-plugin';

const DIR = 'tests/fixtures/lessons/cross';

describe('checkAll', () => {
  const { lessons, errors } = checkAll(readLessonFiles(DIR));

  it('reports duplicate lesson ids, unknown prerequisites and bad folders, with lines', () => {
    expect(errors.map(formatLessonError)).toEqual([
      `${DIR}/bad-folder/lesson.md:1:1 error LESSON_BAD_FOLDER: A lesson lives at lessons/NN-slug/lesson.md (NN = two digits, slug in kebab-case). Rename the folder, e.g. 03-data-validation.`,
      `${DIR}/02-beta/lesson.md:2:1 error LESSON_DUPLICATE_LESSON_ID: The lesson id "alpha" is already used by ${DIR}/01-alpha/lesson.md. Lesson ids must be unique.`,
      `${DIR}/03-gamma/lesson.md:7:1 error LESSON_UNKNOWN_PREREQUISITE: Prerequisite "delta" is not the id of any lesson. Known ids: alpha, gamma, stray.`,
    ]);
  });

  it('still returns the lessons that parsed, sorted by folder number', () => {
    expect(lessons.map((l) => [l.meta.order, l.meta.id])).toEqual([
      [0, 'stray'],
      [1, 'alpha'],
      [2, 'alpha'],
      [3, 'gamma'],
    ]);
  });

  it('reports two folders with the same number', () => {
    const source = '---\nid: a\ntitle: A\nsummary: A.\nobjectives: [a]\nminutes: 5\n---\n';
    const result = checkAll([
      { file: 'lessons/01-a/lesson.md', source },
      { file: 'lessons/01-b/lesson.md', source: source.replace('id: a', 'id: b') },
    ]);
    expect(result.errors).toMatchObject([
      { code: 'LESSON_BAD_FOLDER', file: 'lessons/01-b/lesson.md' },
    ]);
  });
});
