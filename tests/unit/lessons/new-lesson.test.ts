import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../../src/lib/lessons';
import { lessonTemplate } from '../../../scripts/new-lesson';

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
});
