import { z } from 'zod';
import { commonTopFolder } from '../../project/project-zip';
import { ProjectError } from '../../project/errors';
import { normalizePath } from '../../project/paths';
import { boundedUnzip } from '../../store/workspace-unzip';
import { lessonError } from '../errors';
import type { LessonError } from '../types';
import { dataUrl, fromBase64, memoryReader, recordReads, toBase64 } from './reader';

/**
 * A pack zip holds lessons and small files; a 50 MB image is inflated to be named and refused,
 * anything far beyond is refused whole before it can fill the tab's memory.
 */
export const PACK_ZIP_LIMITS = { maxEntries: 2_000, maxTotalBytes: 96 * 1024 ** 2 };

/**
 * Reads a pack zip: sizes bounded as it inflates, every name through the project's path rules
 * (an entry that escapes, `../x`, or clashes is left out and reported). A zip of the `course/`
 * folder itself, or of its contents, reads the same.
 */
export function readPackZip(
  bytes: Uint8Array,
  fileName: string,
): { files: Map<string, Uint8Array>; errors: LessonError[] } | { error: LessonError } {
  const errors: LessonError[] = [];
  const skip = (path: string, reason: string) =>
    errors.push(
      lessonError(`${fileName}:${path}`, 1, 'LESSON_PACK_SKIPPED_ENTRY', `Left out: ${reason}`),
    );
  const unzipped = boundedUnzip(bytes, {
    ...PACK_ZIP_LIMITS,
    kind: 'a course pack (a zip of the course/ folder)',
    onBadName: skip,
  });
  if (!unzipped.ok)
    return {
      error: lessonError(fileName, 1, 'LESSON_PACK_BAD_ZIP', unzipped.problem.message),
    };
  const names = Object.keys(unzipped.files);
  const top = commonTopFolder(names);
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(unzipped.files)) {
    try {
      const path = normalizePath(top ? name.slice(top.length + 1) : name);
      if (files.has(path)) skip(name, `${path} is in the zip twice.`);
      else files.set(path, data);
    } catch (error) {
      if (!(error instanceof ProjectError)) throw error;
      skip(name, error.message);
    }
  }
  if (!files.has('course.yaml'))
    return {
      error: lessonError(
        fileName,
        1,
        'LESSON_PACK_BAD_ZIP',
        'The zip holds no course.yaml at its top (or in its one top folder). A pack is a zip of the course/ folder: course.yaml beside the lesson folders.',
      ),
    };
  return { files, errors };
}

/** A reader over a zip's files that remembers what the loader read: only that is stored. */
export function zipReader(files: ReadonlyMap<string, Uint8Array>, label: string) {
  return recordReads(memoryReader(files, label, dataUrl));
}

/** A pack as kept in the settings table (`course-pack`): text-safe, so workspace export carries it. */
export const storedPackSchema = z.strictObject({
  fileName: z.string().max(255),
  importedAt: z.number(),
  files: z.record(z.string().max(1024), z.string()),
});
export type StoredPack = z.infer<typeof storedPackSchema>;
export { STORED_PACK_KEY } from './stored-key';

export function storePack(fileName: string, files: ReadonlyMap<string, Uint8Array>): StoredPack {
  const encoded: Record<string, string> = {};
  for (const [path, bytes] of files) encoded[path] = toBase64(bytes);
  return { fileName, importedAt: Date.now(), files: encoded };
}

/** The files of a stored pack, or null when the row is not one (a hand-edited import). */
export function restorePack(
  value: unknown,
): { fileName: string; files: Map<string, Uint8Array> } | null {
  const parsed = storedPackSchema.safeParse(value);
  if (!parsed.success) return null;
  const files = new Map<string, Uint8Array>();
  try {
    for (const [path, text] of Object.entries(parsed.data.files)) files.set(path, fromBase64(text));
  } catch {
    return null;
  }
  return { fileName: parsed.data.fileName, files };
}
