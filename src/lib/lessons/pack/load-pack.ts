import { ASSET_MAX_BYTES } from '../assets';
import { checkAll } from '../check-all';
import { checkCourse, MAX_COURSE_BYTES } from '../course';
import { courseSchema } from '../course-schema';
import type { Course } from '../course-types';
import { lessonError } from '../errors';
import { parseLesson } from '../parse';
import type { AssetEntry, Lesson, LessonError, LessonFile, LessonMeta } from '../types';
import { parseYamlSource } from '../yaml-source';
import { mergeCourse } from './merge';
import { AssetProbe, type PackReader } from './reader';

/** A lesson.md is prose and code: anything near this size is not one. */
export const PACK_LESSON_MAX_BYTES = 1024 * 1024;
/** More lessons than any course pack holds; the rest of course.yaml is still checked. */
export const PACK_MAX_LESSONS = 200;

/** The site's own course, which a pack adds to or replaces lessons of. */
export interface SiteCourse {
  index: readonly LessonMeta[];
  course: Course;
}

export interface PackResult {
  /** False when there is no pack (course.yaml answered 404, or the zip has none). */
  found: boolean;
  label: string;
  /** The pack's lessons that passed every check (broken ones are left out, with their errors). */
  lessons: Lesson[];
  /** Every lesson's metadata after the merge, in course order (hidden ones too). */
  index: LessonMeta[];
  course: Course;
  errors: LessonError[];
  /** Ids of the site's lessons the pack replaced, and of lessons it added. */
  replaced: string[];
  added: string[];
}

interface Entry {
  id: string;
  folder: string;
  line: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a course pack with the build's own checker: course.yaml through `checkCourse`, every
 * lesson through `checkAll`, then merges it with the site's course. A lesson that fails its
 * checks is left out with its errors and never takes another down; a broken course.yaml leaves
 * the site's course as it was. Nothing here throws for bad input: everything is an error value.
 */
export async function loadPack(
  reader: PackReader,
  site: SiteCourse,
  options: { datasets?: readonly string[] } = {},
): Promise<PackResult> {
  const none = (found: boolean, errors: LessonError[]): PackResult => ({
    found,
    label: reader.label,
    lessons: [],
    index: [...site.index],
    course: site.course,
    errors,
    replaced: [],
    added: [],
  });
  const courseFile = `${reader.prefix}course.yaml`;
  const read = await readText(reader, 'course.yaml', MAX_COURSE_BYTES, courseFile);
  if ('missing' in read) return none(false, []);
  if ('error' in read) return none(true, [read.error]);
  const file = { file: courseFile, source: read.text };
  const siteIds = new Set(site.index.map((m) => m.id));
  const entries = packEntries(read.text, siteIds);
  if (!entries) {
    // Not YAML or not the schema: the course checker says exactly what, at which line.
    const { errors } = checkCourse(file, site.index, { optional: siteIds, drop: new Set() });
    return none(true, errors);
  }
  const errors: LessonError[] = [];
  const files: LessonFile[] = [];
  const folderOf = new Map<string, Entry>();
  for (const entry of entries.slice(0, PACK_MAX_LESSONS)) {
    const path = `${entry.folder}/lesson.md`;
    const at = `${reader.prefix}${path}`;
    const lesson = await readText(reader, path, PACK_LESSON_MAX_BYTES, at);
    if ('missing' in lesson) {
      errors.push(
        lessonError(
          courseFile,
          entry.line,
          'LESSON_PACK_MISSING_LESSON',
          `${siteIds.has(entry.id) ? `course.yaml names the folder ${entry.folder} for "${entry.id}"` : `"${entry.id}" is not a lesson of the site`}, and ${at} does not exist. Put the lesson in ${reader.prefix}${entry.folder}/lesson.md, name its folder with folder: (e.g. { id: ${entry.id}, folder: 21-${entry.id} }), or fix the id.`,
        ),
      );
      continue;
    }
    if ('error' in lesson) {
      errors.push(lesson.error);
      continue;
    }
    const assets = await readAssets(reader, entry.folder, lesson.text, at);
    errors.push(...assets.errors);
    files.push({ file: at, source: lesson.text, assets: assets.entries });
    folderOf.set(at, entry);
  }
  const checked = checkAll(files, {
    pack: { siteLessons: site.index },
    ...(options.datasets ? { datasets: options.datasets } : {}),
  });
  errors.push(...checked.errors);
  const lessons: Lesson[] = [];
  // A broken lesson the pack adds is left out of the course; one that replaces a site lesson
  // leaves the site's version in its place.
  const broken = new Set(entries.map((e) => e.id).filter((id) => !siteIds.has(id)));
  for (const lesson of checked.lessons) {
    const entry = folderOf.get(lesson.meta.path);
    if (!entry) continue;
    if (lesson.meta.id !== entry.id) {
      errors.push(
        lessonError(
          courseFile,
          entry.line,
          'LESSON_PACK_ID_MISMATCH',
          `course.yaml lists "${entry.id}" in the folder ${entry.folder}, but ${lesson.meta.path} has id: ${lesson.meta.id}. Make the two the same (a student's work is stored under the id).`,
        ),
      );
      continue;
    }
    // A lesson with an error of its own is left out whole: half a lesson is worse than none.
    if (errors.some((e) => e.file.startsWith(`${reader.prefix}${entry.folder}/`))) continue;
    broken.delete(entry.id);
    lessons.push(lesson);
  }
  const merged = mergeCourse(site, lessons, file, broken);
  return {
    found: true,
    label: reader.label,
    lessons,
    index: merged.index,
    course: merged.course,
    errors: [...errors, ...merged.errors],
    replaced: lessons.map((l) => l.meta.id).filter((id) => siteIds.has(id)),
    added: lessons.map((l) => l.meta.id).filter((id) => !siteIds.has(id)),
  };
}

/**
 * The lessons course.yaml points into the pack: `{ id, folder }`, or a bare id the site does not
 * have (its folder is the id). A site lesson named by id alone is the site's own. Null when the
 * file is not a valid course.yaml at all.
 */
function packEntries(source: string, siteIds: ReadonlySet<string>): Entry[] | null {
  const yaml = parseYamlSource(source);
  if (yaml.errors.length > 0) return null;
  const parsed = courseSchema.safeParse(yaml.value ?? {});
  if (!parsed.success) return null;
  const entries: Entry[] = [];
  parsed.data.parts.forEach((part, p) =>
    part.lessons.forEach((item, i) => {
      const id = typeof item === 'string' ? item : item.id;
      const folder = typeof item === 'string' ? undefined : item.folder;
      const line = yaml.lineOf(['parts', p, 'lessons', i]);
      if (folder !== undefined || !siteIds.has(id))
        entries.push({ id, folder: folder ?? id, line });
    }),
  );
  return entries;
}

type TextRead = { text: string } | { missing: true } | { error: LessonError };

async function readText(
  reader: PackReader,
  path: string,
  max: number,
  at: string,
): Promise<TextRead> {
  const read = await reader.read(path, max);
  const fail = (code: Parameters<typeof lessonError>[2], message: string) => ({
    error: lessonError(at, 1, code, message),
  });
  switch (read.status) {
    case 'missing':
      return { missing: true };
    case 'failed':
      return fail(
        'LESSON_PACK_READ_FAILED',
        `${at} could not be read from ${reader.label}: ${read.message}. Check that the file is uploaded and readable, then reload.`,
      );
    case 'too-large':
      return fail(
        'LESSON_PACK_READ_FAILED',
        `${at} is ${read.size.toLocaleString('en')} bytes; at most ${max.toLocaleString('en')} are read. It holds prose and code only: move data beside it (at most 2 MB a file) or shorten it.`,
      );
    case 'ok':
      try {
        return { text: decoder.decode(read.bytes) };
      } catch {
        return fail(
          'LESSON_PACK_NOT_TEXT',
          `${at} is not UTF-8 text. Save it as UTF-8 (any editor's "Save with encoding").`,
        );
      }
  }
}

/** The files a lesson's links name, read from the pack (never more than the size limit of each). */
async function readAssets(
  reader: PackReader,
  folder: string,
  source: string,
  at: string,
): Promise<{ entries: AssetEntry[]; errors: LessonError[] }> {
  const probe = new AssetProbe();
  parseLesson(source, at, { lessons: new Map(), assets: probe });
  const entries: AssetEntry[] = [];
  const errors: LessonError[] = [];
  for (const path of [...probe.requested].sort()) {
    const read = await reader.read(`${folder}/${path}`, ASSET_MAX_BYTES);
    if (read.status === 'ok')
      entries.push({
        path,
        bytes: read.bytes,
        url: reader.assetUrl(`${folder}/${path}`, read.bytes),
      });
    else if (read.status === 'too-large')
      entries.push({ path, bytes: new Uint8Array(), url: '', size: read.size });
    else if (read.status === 'failed')
      errors.push(
        lessonError(
          `${reader.prefix}${folder}/${path}`,
          1,
          'LESSON_PACK_READ_FAILED',
          `The file could not be read from ${reader.label}: ${read.message}. Check that it is uploaded, then reload.`,
        ),
      );
  }
  return { entries, errors };
}
