import type { LessonError, LessonMeta } from './types';
import type { Course, CourseFile } from './course-types';
import { courseSchema, type CourseInput } from './course-schema';
import { didYouMean, formatPath, lessonError, type LessonErrorCode } from './errors';
import { mergedItemErrors, parseYamlSource, type YamlSource } from './yaml-source';

/** A course.yaml is a page of ids; anything this big is not one, and is refused before parsing. */
export const MAX_COURSE_BYTES = 1024 * 1024;
/** Past this many problems the rest are counted, not listed: one typo must not bury the others. */
const MAX_REPORTED = 50;

/** Without a course.yaml, one part holds every lesson in folder order (as before course.yaml). */
export function defaultCourse(lessons: readonly LessonMeta[]): Course {
  const ids = [...lessons].sort((a, b) => a.order - b.order).map((l) => l.id);
  return { title: 'Lessons', parts: [{ title: 'Lessons', lessons: ids }], hidden: [], drafts: [] };
}

/**
 * A course pack's course.yaml is read by the same checker, with two differences: the site's own
 * lessons may be left out (they stay reachable by link, as hidden lessons), and the ids of pack
 * lessons that failed their own checks are dropped without a second error, so one broken lesson
 * does not take the rest of the course with it.
 */
export interface PackCourseOptions {
  /** Lessons that may go unlisted: the site's own. Unlisted, they become hidden. */
  optional: ReadonlySet<string>;
  /** Ids already reported broken: left out of the course silently. */
  drop: ReadonlySet<string>;
}

/**
 * Reads lessons/course.yaml against the lessons on disk: the schema, then every id a lesson's,
 * every lesson listed exactly once, and each listed after its prerequisites. Errors carry
 * `file:line`; an unknown id gets "did you mean". On errors the course returned is the default.
 */
export function checkCourse(
  file: CourseFile | undefined,
  lessons: readonly LessonMeta[],
  pack?: PackCourseOptions,
): { course: Course; errors: LessonError[] } {
  if (!file) return { course: defaultCourse(lessons), errors: [] };
  const errors = readCourse(file, lessons, pack);
  if ('course' in errors) return { course: errors.course, errors: [] };
  const list = errors.slice(0, MAX_REPORTED);
  if (errors.length > MAX_REPORTED)
    list.push(
      lessonError(
        file.file,
        1,
        'LESSON_COURSE_BAD_FIELD',
        `…and ${errors.length - MAX_REPORTED} more problems like the ones above. Fix those first.`,
      ),
    );
  return { course: defaultCourse(lessons), errors: list };
}

function readCourse(
  { file, source }: CourseFile,
  lessons: readonly LessonMeta[],
  pack?: PackCourseOptions,
): LessonError[] | { course: Course } {
  const at = (line: number, code: LessonErrorCode, message: string) =>
    lessonError(file, Math.max(1, line), code, message);
  if (source.length > MAX_COURSE_BYTES)
    return [
      at(
        1,
        'LESSON_COURSE_BAD_YAML',
        `The file has ${source.length.toLocaleString('en')} characters; a course.yaml has at most ${MAX_COURSE_BYTES.toLocaleString('en')}. It lists parts and lesson ids only: move anything else out.`,
      ),
    ];
  const yaml = parseYamlSource(source);
  if (yaml.errors.length > 0)
    return yaml.errors.map((e) =>
      at(e.line, 'LESSON_COURSE_BAD_YAML', `The YAML is not valid: ${e.message}.`),
    );
  const merged = mergedItemErrors(yaml, file, 0);
  if (merged.length > 0) return merged;
  const parsed = courseSchema.safeParse(yaml.value ?? {});
  if (!parsed.success)
    return parsed.error.issues.slice(0, MAX_REPORTED + 1).map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        const known =
          issue.path.length === 0
            ? ['title', 'parts']
            : ['title', 'lessons', 'id', 'hidden', 'draft', ...(pack ? ['folder'] : [])];
        const key = issue.keys[0] ?? '';
        return at(
          yaml.keyLine(issue.path, key) || yaml.lineOf(issue.path),
          'LESSON_COURSE_BAD_FIELD',
          `Unknown field "${formatPath([...issue.path, key])}".${didYouMean(key, known)} Remove it or fix its name.`,
        );
      }
      return at(
        yaml.lineOf(issue.path),
        'LESSON_COURSE_BAD_FIELD',
        `Field "${formatPath(issue.path) || '(top level)'}": ${issue.message}.`,
      );
    });
  const input = pack ? dropEntries(parsed.data, pack.drop) : parsed.data;
  const errors = checkEntries(input, lessons, yaml, at, pack);
  if (!pack) errors.push(...folderErrors(input, yaml, at));
  if (errors.length > 0) return errors;
  const course = toCourse(input);
  if (!pack) return { course };
  // The site's lessons the pack leaves out stay reachable (a student's work on them is not lost).
  const listed = new Set(course.parts.flatMap((p) => p.lessons));
  const unlisted = lessons.map((l) => l.id).filter((id) => !listed.has(id));
  return { course: { ...course, hidden: [...course.hidden, ...unlisted] } };
}

/** A pack's course without the lessons that failed their own checks (parts left empty go too). */
function dropEntries(input: CourseInput, drop: ReadonlySet<string>): CourseInput {
  if (drop.size === 0) return input;
  const parts = input.parts
    .map((part) => ({
      ...part,
      lessons: part.lessons.filter((e) => !drop.has(typeof e === 'string' ? e : e.id)),
    }))
    .filter((part) => part.lessons.length > 0);
  return { ...input, parts };
}

/** `folder:` names a pack lesson's folder; the site's own course finds lessons by their folders. */
function folderErrors(input: CourseInput, yaml: YamlSource, at: At): LessonError[] {
  const errors: LessonError[] = [];
  input.parts.forEach((part, p) =>
    part.lessons.forEach((entry, e) => {
      if (typeof entry !== 'string' && entry.folder !== undefined)
        errors.push(
          at(
            yaml.keyLine(['parts', p, 'lessons', e], 'folder') ||
              yaml.lineOf(['parts', p, 'lessons', e]),
            'LESSON_COURSE_BAD_FIELD',
            `"folder" is for a course pack's course.yaml (course/ beside index.html). Here every lesson is found by its folder under lessons/: remove the field.`,
          ),
        );
    }),
  );
  return errors;
}

type At = (line: number, code: LessonErrorCode, message: string) => LessonError;

function checkEntries(
  input: CourseInput,
  lessons: readonly LessonMeta[],
  yaml: YamlSource,
  at: At,
  pack?: PackCourseOptions,
): LessonError[] {
  const errors: LessonError[] = [];
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const ids = [...byId.keys()];
  const seen = new Map<string, { line: number; index: number }>();
  const drafts = new Set<string>();
  let index = 0;
  input.parts.forEach((part, p) =>
    part.lessons.forEach((entry, e) => {
      const id = typeof entry === 'string' ? entry : entry.id;
      const line = yaml.lineOf(['parts', p, 'lessons', e]);
      if (!byId.has(id)) {
        errors.push(
          at(
            line,
            'LESSON_COURSE_UNKNOWN_LESSON',
            `"${id}" is not the id of any lesson.${didYouMean(id, ids)} Use a lesson's frontmatter id:, or remove the line.`,
          ),
        );
        return;
      }
      const first = seen.get(id);
      if (first) {
        errors.push(
          at(
            line,
            'LESSON_COURSE_DUPLICATE_LESSON',
            `The lesson "${id}" is already listed on line ${first.line}. List each lesson once: remove one of the two.`,
          ),
        );
        return;
      }
      seen.set(id, { line, index: index++ });
      if (typeof entry !== 'string' && entry.draft) drafts.add(id);
    }),
  );
  const missing = ids.filter((id) => !seen.has(id) && !pack?.optional.has(id));
  if (missing.length > 0)
    errors.push(
      at(
        yaml.keyLine([], 'parts') || 1,
        'LESSON_COURSE_MISSING_LESSON',
        `${missing.length === 1 ? 'The lesson' : 'The lessons'} ${missing.map((id) => `"${id}" (${byId.get(id)!.path})`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} in no part. Add each to a part (with hidden: true if it should not be listed).`,
      ),
    );
  for (const [id, { line, index: position }] of seen) {
    for (const prerequisite of byId.get(id)!.prerequisites) {
      const before = seen.get(prerequisite);
      if (before && before.index > position)
        errors.push(
          at(
            line,
            'LESSON_COURSE_ORDER',
            `"${id}" is listed before its prerequisite "${prerequisite}" (line ${before.line}). Move it below, or drop the prerequisite.`,
          ),
        );
      if (drafts.has(prerequisite) && !drafts.has(id))
        errors.push(
          at(
            line,
            'LESSON_COURSE_DRAFT_PREREQUISITE',
            `"${id}" needs "${prerequisite}", a draft that the built site leaves out. Publish the prerequisite, or make "${id}" a draft too.`,
          ),
        );
    }
  }
  return errors;
}

function toCourse(input: CourseInput): Course {
  const hidden: string[] = [];
  const drafts: string[] = [];
  const parts = input.parts.map((part) => ({
    title: part.title,
    lessons: part.lessons.map((entry) => {
      if (typeof entry === 'string') return entry;
      if (entry.hidden) hidden.push(entry.id);
      if (entry.draft) drafts.push(entry.id);
      return entry.id;
    }),
  }));
  return { title: input.title ?? 'Lessons', parts, hidden, drafts };
}
