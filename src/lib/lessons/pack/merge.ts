import { checkCourse } from '../course';
import { courseOrder } from '../course-plan';
import type { Course, CourseFile } from '../course-types';
import type { Lesson, LessonError, LessonMeta } from '../types';
import type { SiteCourse } from './load-pack';

/**
 * The site's course with a pack's lessons: a pack lesson replaces the site's lesson of the same
 * id, or is added. The pack's course.yaml decides the order (through the build's course checker);
 * the site's lessons it leaves out stay reachable by link. When course.yaml has errors, the site's
 * order stays and the pack's new lessons follow in a part of their own, so they can still be taken.
 */
export function mergeCourse(
  site: SiteCourse,
  lessons: readonly Lesson[],
  file: CourseFile,
  broken: ReadonlySet<string>,
): { index: LessonMeta[]; course: Course; errors: LessonError[] } {
  const pack = new Map(lessons.map((l) => [l.meta.id, l.meta]));
  const siteIds = new Set(site.index.map((m) => m.id));
  const metas = [
    ...site.index.map((m) => pack.get(m.id) ?? m),
    ...lessons.map((l) => l.meta).filter((m) => !siteIds.has(m.id)),
  ];
  const checked = checkCourse(file, metas, { optional: siteIds, drop: broken });
  const course =
    checked.errors.length === 0 ? checked.course : fallback(site.course, lessons, siteIds);
  const rank = new Map([...courseOrder(course), ...course.hidden].map((id, i) => [id, i]));
  const index = [...metas].sort(
    (a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity),
  );
  return { index, course, errors: checked.errors };
}

function fallback(
  course: Course,
  lessons: readonly Lesson[],
  siteIds: ReadonlySet<string>,
): Course {
  const added = lessons.map((l) => l.meta.id).filter((id) => !siteIds.has(id));
  if (added.length === 0) return course;
  return { ...course, parts: [...course.parts, { title: 'Course pack', lessons: added }] };
}
