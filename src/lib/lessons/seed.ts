import { ProjectError } from '../project/errors';
import { normalizePath } from '../project/paths';
import { lessonError } from './errors';
import type { Lesson, LessonError, LessonSeed, SeedEntry } from './types';

/** Limits of a starter project: it ships inside the lesson's chunk, so it stays small. */
export const SEED_LIMITS = { files: 200, fileBytes: 256 * 1024, totalBytes: 1024 * 1024 };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks the files of a lesson's `project/` folder and builds its seed. Every error names the
 * file (`lessons/NN-slug/project/<path>`), so `lessons:check` points at what to rename or fix.
 */
export function readSeed(
  lesson: Lesson,
  entries: SeedEntry[] | undefined,
  file: string,
): { seed?: LessonSeed; errors: LessonError[] } {
  const folder = file.replace(/lesson\.md$/, 'project/');
  if (!entries) {
    if (!lesson.meta.project) return { errors: [] };
    return {
      errors: [
        lessonError(
          file,
          1,
          'LESSON_SEED_MISSING',
          `The frontmatter has "project:" but there is no ${folder} folder. Add the starter files there, or remove "project:".`,
        ),
      ],
    };
  }
  const errors: LessonError[] = [];
  if (entries.length > SEED_LIMITS.files)
    errors.push(
      lessonError(
        folder,
        1,
        'LESSON_SEED_TOO_LARGE',
        `${folder} holds ${entries.length} files; a starter project holds at most ${SEED_LIMITS.files}. Keep the starter to what the lesson needs.`,
      ),
    );
  let total = 0;
  const files: LessonSeed['files'] = [];
  for (const entry of entries) {
    const where = folder + printable(entry.path);
    total += entry.bytes.byteLength;
    let path: string;
    try {
      path = normalizePath(entry.path);
    } catch (error) {
      if (!(error instanceof ProjectError)) throw error;
      errors.push(lessonError(where, 1, 'LESSON_SEED_BAD_PATH', `${error.message} Rename it.`));
      continue;
    }
    if (entry.bytes.byteLength > SEED_LIMITS.fileBytes) {
      errors.push(
        lessonError(
          where,
          1,
          'LESSON_SEED_TOO_LARGE',
          `The file is ${entry.bytes.byteLength} bytes; a starter file may hold at most ${SEED_LIMITS.fileBytes}. Put data in datasets/ and load it with lab.data.`,
        ),
      );
      continue;
    }
    try {
      files.push({ path, text: decoder.decode(entry.bytes) });
    } catch {
      errors.push(
        lessonError(
          where,
          1,
          'LESSON_SEED_NOT_TEXT',
          'The file is not UTF-8 text; a starter project holds code and configuration only. Save it as UTF-8, or remove it.',
        ),
      );
    }
  }
  if (total > SEED_LIMITS.totalBytes)
    errors.push(
      lessonError(
        folder,
        1,
        'LESSON_SEED_TOO_LARGE',
        `${folder} holds ${total} bytes; a starter project holds at most ${SEED_LIMITS.totalBytes}.`,
      ),
    );
  if (errors.length > 0) return { errors };
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const name = lesson.meta.project?.name ?? lesson.meta.slug;
  return { seed: { name, hash: seedHash(files), files }, errors };
}

/**
 * A content hash of the seed, synchronous so the parser stays synchronous: two independent
 * 32-bit multiplicative hashes (cyrb53's mixing) over every path and text, NUL-separated. It only
 * tells "changed" from "unchanged"; nothing trusts it as a digest.
 */
export function seedHash(files: LessonSeed['files']): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const mix = (code: number) => {
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  };
  for (const { path, text } of files) {
    for (let i = 0; i < path.length; i++) mix(path.charCodeAt(i));
    mix(0);
    for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
    mix(0);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return `s1-${hex(h2)}${hex(h1)}`;
}

/** A file name as an error line prints it: control characters escaped, never sent raw. */
function printable(path: string): string {
  return Array.from(path, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }).join('');
}
