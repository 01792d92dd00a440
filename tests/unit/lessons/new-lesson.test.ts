import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../../src/lib/lessons';
import { lessonTemplate } from '../../../scripts/new-lesson';
import { runLessonInNode } from '../../../scripts/lesson-runner/run-lessons';

describe('new-lesson template', () => {
  it('parses without errors and has an exercise with its check', () => {
    const result = parseLesson(
      lessonTemplate('data-validation'),
      'lessons/03-data-validation/lesson.md',
    );
    expect(result.ok && result.lesson.meta).toMatchObject({
      id: 'data-validation',
      title: 'Data validation',
      order: 3,
      exercises: 1,
    });
  });

  it('runs clean: its starter fails the check, its solution passes, and it has a hint', async () => {
    const result = parseLesson(lessonTemplate('sums'), 'lessons/03-sums/lesson.md');
    if (!result.ok) throw new TypeError('the template does not parse');
    expect(result.lesson.blocks.find((b) => b.kind === 'exercise')).toMatchObject({
      hints: [expect.any(String), expect.stringContaining('rollup')],
    });
    expect(await runLessonInNode(result.lesson)).toEqual([]);
  });
});
