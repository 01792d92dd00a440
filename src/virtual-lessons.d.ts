/** Served by scripts/vite/lessons-plugin.ts from lessons/NN-slug/lesson.md (docs/authoring.md). */
declare module 'virtual:lessons' {
  import type { Lesson, LessonMeta } from './lib/lessons/types';
  /** Every lesson's metadata, ordered by folder number. */
  export const lessonIndex: LessonMeta[];
  /** One lesson, from its own lazily loaded chunk; rejects for an unknown id. */
  export function loadLesson(id: string): Promise<Lesson>;
}

/** One lesson per module: `virtual:lessons/<id>` (imported by `loadLesson`). */
declare module 'virtual:lessons/*' {
  import type { Lesson } from './lib/lessons/types';
  const lesson: Lesson;
  export default lesson;
}
