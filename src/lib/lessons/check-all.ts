import { lessonError } from './errors';
import { lessonFolder, parseLesson } from './parse';
import type { Lesson, LessonError } from './types';

/** Parses every lesson and adds the errors only visible across lessons. */
export function checkAll(files: { file: string; source: string }[]): {
  lessons: Lesson[];
  errors: LessonError[];
} {
  const lessons: Lesson[] = [];
  const errors: LessonError[] = [];
  for (const { file, source } of files) {
    if (!lessonFolder(file)) {
      errors.push(
        lessonError(
          file,
          1,
          'LESSON_BAD_FOLDER',
          'A lesson lives at lessons/NN-slug/lesson.md (NN = two digits, slug in kebab-case).',
        ),
      );
    }
    const result = parseLesson(source, file);
    if (result.ok) lessons.push(result.lesson);
    else errors.push(...result.errors);
  }
  const byId = new Map<string, string>();
  for (const { meta } of lessons) {
    const other = byId.get(meta.id);
    if (other)
      errors.push(
        lessonError(
          meta.path,
          2,
          'LESSON_DUPLICATE_LESSON_ID',
          `The lesson id "${meta.id}" is already used by ${other}.`,
        ),
      );
    byId.set(meta.id, meta.path);
  }
  for (const { meta } of lessons) {
    for (const prerequisite of meta.prerequisites) {
      if (!byId.has(prerequisite))
        errors.push(
          lessonError(
            meta.path,
            2,
            'LESSON_UNKNOWN_PREREQUISITE',
            `Prerequisite "${prerequisite}" is not the id of any lesson.`,
          ),
        );
    }
  }
  lessons.sort((a, b) => a.meta.order - b.meta.order);
  return { lessons, errors };
}
