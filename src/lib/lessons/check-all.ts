import { lessonError } from './errors';
import { lessonFolder, parseLesson } from './parse';
import { readSeed } from './seed';
import type { Lesson, LessonError, LessonFile } from './types';

/**
 * Parses every lesson and adds the errors only visible across lessons: folder names, duplicate
 * lesson ids and prerequisites that name no lesson. Lessons come back sorted by folder number.
 */
export function checkAll(files: LessonFile[]): { lessons: Lesson[]; errors: LessonError[] } {
  const lessons: Lesson[] = [];
  const errors: LessonError[] = [];
  const orders = new Map<number, string>();
  for (const { file, source, project } of files) {
    const folder = lessonFolder(file);
    if (!folder) {
      errors.push(
        lessonError(
          file,
          1,
          'LESSON_BAD_FOLDER',
          'A lesson lives at lessons/NN-slug/lesson.md (NN = two digits, slug in kebab-case). Rename the folder, e.g. 03-data-validation.',
        ),
      );
    } else if (orders.has(folder.order)) {
      errors.push(
        lessonError(
          file,
          1,
          'LESSON_BAD_FOLDER',
          `The number ${String(folder.order).padStart(2, '0')} is also used by ${orders.get(folder.order)}. Give each lesson folder its own number.`,
        ),
      );
    } else orders.set(folder.order, file);
    const result = parseLesson(source, file);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const { seed, errors: seedErrors } = readSeed(result.lesson, project, file);
    errors.push(...seedErrors);
    lessons.push(seed ? { ...result.lesson, seed } : result.lesson);
  }
  const byId = new Map<string, string>();
  for (const { meta } of lessons) {
    const other = byId.get(meta.id);
    if (other)
      errors.push(
        lessonError(
          meta.path,
          idLine(files, meta.path),
          'LESSON_DUPLICATE_LESSON_ID',
          `The lesson id "${meta.id}" is already used by ${other}. Lesson ids must be unique.`,
        ),
      );
    else byId.set(meta.id, meta.path);
  }
  for (const { meta } of lessons) {
    for (const prerequisite of meta.prerequisites) {
      if (!byId.has(prerequisite))
        errors.push(
          lessonError(
            meta.path,
            fieldLine(files, meta.path, 'prerequisites'),
            'LESSON_UNKNOWN_PREREQUISITE',
            `Prerequisite "${prerequisite}" is not the id of any lesson. Known ids: ${[...byId.keys()].join(', ')}.`,
          ),
        );
      else if (prerequisite === meta.id)
        errors.push(
          lessonError(
            meta.path,
            fieldLine(files, meta.path, 'prerequisites'),
            'LESSON_UNKNOWN_PREREQUISITE',
            'A lesson cannot be its own prerequisite.',
          ),
        );
    }
  }
  lessons.sort((a, b) => a.meta.order - b.meta.order);
  return { lessons, errors };
}

const idLine = (files: LessonFile[], path: string) => fieldLine(files, path, 'id');

/** 1-based line of a top-level frontmatter field, or 1. */
function fieldLine(files: LessonFile[], path: string, field: string): number {
  const lines = files.find((f) => f.file === path)?.source.split(/\r?\n/) ?? [];
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  const index = lines
    .slice(0, end < 0 ? undefined : end)
    .findIndex((l) => l.startsWith(`${field}:`));
  return index < 0 ? 1 : index + 1;
}
