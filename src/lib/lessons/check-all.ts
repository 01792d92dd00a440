import { checkAssets } from './assets';
import { didYouMean, lessonError } from './errors';
import { parseFrontmatter, splitFrontmatter } from './frontmatter';
import { lessonFolder, parseLesson } from './parse';
import { readSeed } from './seed';
import type { Lesson, LessonError, LessonFile, LessonMeta } from './types';

/** What lives beside the lessons, when the caller read it: checked against the lessons. */
export interface CheckAllOptions {
  /** Names of the shipped datasets (folders of datasets/); `datasets:` must name one. */
  datasets?: readonly string[];
  /** Folders of the lessons directory that hold no lesson.md (`<dir>/NN-slug`). */
  emptyFolders?: readonly string[];
  /**
   * A course pack: its lessons sit beside lessons it does not hold (the site's own), which
   * prerequisites and links may name; its folders need no number, since course.yaml orders it.
   */
  pack?: { siteLessons: readonly LessonMeta[] };
}

/**
 * Parses every lesson and adds the errors only visible across lessons: folder names, duplicate
 * lesson ids, prerequisites, links between lessons, datasets and the files beside lesson.md.
 * Lessons come back sorted by folder number.
 */
export function checkAll(
  files: LessonFile[],
  options: CheckAllOptions = {},
): { lessons: Lesson[]; errors: LessonError[] } {
  const lessons: Lesson[] = [];
  const errors: LessonError[] = [];
  const orders = new Map<number, string>();
  for (const folder of options.emptyFolders ?? [])
    if (/(?:^|\/)\d{2}-[^/]+$/.test(folder))
      errors.push(
        lessonError(
          `${folder}/lesson.md`,
          1,
          'LESSON_FOLDER_WITHOUT_LESSON',
          `The folder ${folder} looks like a lesson but has no lesson.md, so it is left out. Add lesson.md (npm run new-lesson), rename a misspelt file to lesson.md, or remove the folder.`,
        ),
      );
  const lessonIds = idsByFolder(files);
  const site = options.pack?.siteLessons ?? [];
  // A pack's link to ../01-x/lesson.md names a site lesson by its folder in lessons/.
  for (const meta of site) {
    const folder = /([^\\/]+)[\\/]lesson\.md$/.exec(meta.path)?.[1];
    if (folder && !lessonIds.has(folder)) lessonIds.set(folder, meta.id);
  }
  for (const { file, source, project, assets } of files) {
    // In a pack, course.yaml orders the lessons, so its folders need no number.
    if (!options.pack) errors.push(...folderErrors(file, orders));
    const context = {
      lessons: lessonIds,
      assets: new Map((assets ?? []).map((a) => [a.path, a.url])),
    };
    const result = parseLesson(source, file, context);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    errors.push(...checkAssets(result.lesson.assets ?? [], assets ?? [], file));
    if (options.datasets) errors.push(...checkDatasets(result.lesson, options.datasets, files));
    const { seed, errors: seedErrors } = readSeed(result.lesson, project, file);
    errors.push(...seedErrors);
    lessons.push(seed ? { ...result.lesson, seed } : result.lesson);
  }
  const byId = new Map<string, string>();
  for (const { meta } of lessons) {
    const other = byId.get(meta.id);
    if (other)
      errors.push(
        lessonError(
          meta.path,
          idLine(files, meta.path),
          'LESSON_DUPLICATE_LESSON_ID',
          `The lesson id "${meta.id}" is already used by ${other}. Lesson ids must be unique.`,
        ),
      );
    else byId.set(meta.id, meta.path);
  }
  const known = new Set([...byId.keys(), ...site.map((m) => m.id)]);
  for (const { meta } of lessons) {
    for (const prerequisite of meta.prerequisites) {
      if (!known.has(prerequisite))
        errors.push(
          lessonError(
            meta.path,
            fieldLine(files, meta.path, 'prerequisites'),
            'LESSON_UNKNOWN_PREREQUISITE',
            `Prerequisite "${prerequisite}" is not the id of any lesson.${didYouMean(prerequisite, [...known])} Known ids: ${[...known].join(', ')}.`,
          ),
        );
      else if (prerequisite === meta.id)
        errors.push(
          lessonError(
            meta.path,
            fieldLine(files, meta.path, 'prerequisites'),
            'LESSON_UNKNOWN_PREREQUISITE',
            'A lesson cannot be its own prerequisite.',
          ),
        );
    }
  }
  lessons.sort((a, b) => a.meta.order - b.meta.order);
  return { lessons, errors };
}

/** A build's lesson sits at lessons/NN-slug/lesson.md, and no two share a number. */
function folderErrors(file: string, orders: Map<number, string>): LessonError[] {
  const folder = lessonFolder(file);
  if (!folder)
    return [
      lessonError(
        file,
        1,
        'LESSON_BAD_FOLDER',
        'A lesson lives at lessons/NN-slug/lesson.md (NN = two digits, slug in kebab-case). Rename the folder, e.g. 03-data-validation.',
      ),
    ];
  const other = orders.get(folder.order);
  if (other)
    return [
      lessonError(
        file,
        1,
        'LESSON_BAD_FOLDER',
        `The number ${String(folder.order).padStart(2, '0')} is also used by ${other}. Give each lesson folder its own number.`,
      ),
    ];
  orders.set(folder.order, file);
  return [];
}

/** Lesson ids by folder name, from each frontmatter alone, so links resolve before parsing. */
function idsByFolder(files: LessonFile[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const { file, source } of files) {
    const folder = /([^\\/]+)[\\/]lesson\.md$/.exec(file)?.[1];
    const split = splitFrontmatter(source, file);
    if (!folder || 'code' in split) continue;
    const meta = parseFrontmatter(split.yaml, file);
    if (!Array.isArray(meta)) ids.set(folder, meta.id);
  }
  return ids;
}

function checkDatasets(lesson: Lesson, known: readonly string[], files: LessonFile[]) {
  return lesson.meta.datasets
    .filter((name) => !known.includes(name))
    .map((name) =>
      lessonError(
        lesson.meta.path,
        fieldLine(files, lesson.meta.path, 'datasets'),
        'LESSON_UNKNOWN_DATASET',
        `Dataset "${name}" is not a folder of datasets/.${didYouMean(name, known)} Shipped datasets: ${known.join(', ') || 'none'}.`,
      ),
    );
}

const idLine = (files: LessonFile[], path: string) => fieldLine(files, path, 'id');

/** 1-based line of a top-level frontmatter field, or 1. */
function fieldLine(files: LessonFile[], path: string, field: string): number {
  const lines = files.find((f) => f.file === path)?.source.split(/\r?\n/) ?? [];
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  const index = lines
    .slice(0, end < 0 ? undefined : end)
    .findIndex((l) => l.startsWith(`${field}:`));
  return index < 0 ? 1 : index + 1;
}
