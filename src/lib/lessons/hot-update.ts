import type { Course } from './course-types';
import type { Lesson, LessonMeta } from './types';

/** Sent to the page in `npm run dev` when lessons change but no lesson was added or removed. */
export const LESSONS_UPDATE_EVENT = 'labbook:lessons-update';

/** What the page needs to update open lessons in place: the index, the course, changed lessons. */
export interface LessonsUpdate {
  index: LessonMeta[];
  course: Course;
  lessons: Lesson[];
}

/**
 * The in-place update from one checked course to the next, or null when the page must reload: a
 * lesson added or removed changes the index module's lazy imports.
 */
export function lessonsUpdate(
  before: { lessons: Lesson[] },
  after: { lessons: Lesson[]; course: Course },
): LessonsUpdate | null {
  const old = new Map(before.lessons.map((l) => [l.meta.id, JSON.stringify(l)]));
  if (old.size !== after.lessons.length || after.lessons.some((l) => !old.has(l.meta.id)))
    return null;
  return {
    index: after.lessons.map((l) => l.meta),
    course: after.course,
    lessons: after.lessons.filter((l) => old.get(l.meta.id) !== JSON.stringify(l)),
  };
}
