declare module 'virtual:lessons' {
  import type { Lesson, LessonMeta } from './lib/lessons/types';
  export const lessonIndex: LessonMeta[];
  export function loadLesson(id: string): Promise<Lesson>;
}
