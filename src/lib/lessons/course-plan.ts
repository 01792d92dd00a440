import type { Course } from './course-types';
import type { LessonMeta } from './types';

/** What the list knows of a lesson's progress (the store's progress row, reduced). */
export interface ProgressLike {
  visitedAt: number | null;
  passed: number;
}

export interface PlannedLesson {
  meta: LessonMeta;
  draft: boolean;
  done: boolean;
  /** Prerequisites, each with whether it is done; a hidden one still links. */
  prerequisites: { id: string; title: string; done: boolean }[];
}

export interface PlannedPart {
  title: string;
  lessons: PlannedLesson[];
  done: number;
}

/** Done: every exercise passed; a lesson without exercises is done once opened. */
function lessonDone(meta: LessonMeta, progress: ProgressLike | undefined): boolean {
  if (!progress) return false;
  return meta.exercises > 0 ? progress.passed >= meta.exercises : progress.visitedAt !== null;
}

/** Every lesson id in course order, hidden ones included (they still have a place). */
export function courseOrder(course: Course): string[] {
  return course.parts.flatMap((p) => p.lessons);
}

/**
 * The lesson list: parts in order with the lessons a student sees (no hidden ones; drafts only when
 * the index has them, i.e. in `npm run dev`), each with its prerequisites and whether it is done.
 */
export function planCourse(
  course: Course,
  index: readonly LessonMeta[],
  progress: ReadonlyMap<string, ProgressLike>,
): PlannedPart[] {
  const byId = new Map(index.map((m) => [m.id, m]));
  const hidden = new Set(course.hidden);
  const drafts = new Set(course.drafts);
  const done = (meta: LessonMeta) => lessonDone(meta, progress.get(meta.id));
  return course.parts
    .map((part) => {
      const lessons = part.lessons.flatMap((id) => {
        const meta = byId.get(id);
        if (!meta || hidden.has(id)) return [];
        const prerequisites = meta.prerequisites.flatMap((p) => {
          const pre = byId.get(p);
          return pre ? [{ id: p, title: pre.title, done: done(pre) }] : [];
        });
        return [{ meta, draft: drafts.has(id), done: done(meta), prerequisites }];
      });
      return { title: part.title, lessons, done: lessons.filter((l) => l.done).length };
    })
    .filter((part) => part.lessons.length > 0);
}

/**
 * The lesson to take next: after `afterId` (the lesson page's "Next"), the following listed lesson;
 * otherwise (the list) the first lesson not done whose prerequisites are done, or failing that the
 * first not done. Undefined when there is nothing left.
 */
export function nextLesson(
  parts: readonly PlannedPart[],
  afterId?: string,
): PlannedLesson | undefined {
  const lessons = parts.flatMap((p) => p.lessons);
  if (afterId !== undefined) {
    const at = lessons.findIndex((l) => l.meta.id === afterId);
    const rest = at < 0 ? [] : lessons.slice(at + 1);
    return rest.find((l) => !l.done) ?? rest[0];
  }
  const open = lessons.filter((l) => !l.done);
  return open.find((l) => l.prerequisites.every((p) => p.done)) ?? open[0];
}
