import { checkAll } from '../../../../src/lib/lessons';
import type { Lesson } from '../../../../src/lib/lessons/types';
import { readLessonFiles } from '../../../../scripts/vite/lessons-plugin';

let lessons: Lesson[] | undefined;

/** A shipped lesson by id, parsed as the app and the lesson runner parse it. */
export function shippedLesson(id: string): Lesson {
  lessons ??= checkAll(readLessonFiles('lessons')).lessons;
  const lesson = lessons.find((l) => l.meta.id === id);
  if (!lesson) throw new TypeError(`No shipped lesson "${id}".`);
  return lesson;
}
