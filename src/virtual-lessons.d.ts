/** Served by scripts/vite/lessons-plugin.ts from lessons/NN-slug/lesson.md and lessons/course.yaml (docs/authoring.md). */
declare module 'virtual:lessons' {
  import type { Lesson, LessonMeta } from './lib/lessons/types';
  import type { Course } from './lib/lessons/course-types';
  /** Every lesson's metadata (hidden ones too; drafts only in dev), in course order. */
  export const lessonIndex: LessonMeta[];
  /** lessons/course.yaml as checked: parts, hidden and draft lessons. */
  export const course: Course;
  /** One lesson, from its own lazily loaded chunk; rejects for an unknown id. */
  export function loadLesson(id: string): Promise<Lesson>;
}

/** One lesson per module: `virtual:lessons/<id>` (imported by `loadLesson`). */
declare module 'virtual:lessons/*' {
  import type { Lesson } from './lib/lessons/types';
  const lesson: Lesson;
  export default lesson;
}
