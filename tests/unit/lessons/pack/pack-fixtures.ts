import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSeedFiles } from '../../../../scripts/vite/lessons-plugin';
import type { SiteCourse } from '../../../../src/lib/lessons/pack/load-pack';
import { memoryReader } from '../../../../src/lib/lessons/pack/reader';
import type { LessonMeta } from '../../../../src/lib/lessons/types';

/** A site of three lessons, as `virtual:lessons` would give them. */
export function siteCourse(): SiteCourse {
  const meta = (id: string, order: number, prerequisites: string[] = []): LessonMeta => ({
    id,
    title: `Site ${id}`,
    summary: 's',
    objectives: ['o'],
    datasets: [],
    minutes: 5,
    prerequisites,
    order,
    slug: id,
    path: `lessons/0${order}-${id}/lesson.md`,
    exercises: 0,
  });
  const index = [
    meta('how-this-notebook-works', 1),
    meta('ml-lifecycle', 2, ['how-this-notebook-works']),
    meta('databases-for-ml', 3),
  ];
  return {
    index,
    course: {
      title: 'Site',
      parts: [{ title: 'All', lessons: index.map((m) => m.id) }],
      hidden: [],
      drafts: [],
    },
  };
}

/** The files of a fixture pack folder (tests/fixtures/course-pack/<name>), editable per test. */
export function packFiles(name = 'good'): Map<string, Uint8Array> {
  const dir = join('tests/fixtures/course-pack', name);
  return new Map(readSeedFiles(dir).map((e) => [e.path, e.bytes]));
}

export const text = (s: string) => new TextEncoder().encode(s);

export function reader(files: Map<string, Uint8Array>) {
  return memoryReader(files, 'test pack', (path) => `course/${path}`);
}

export const fixtureText = (path: string) =>
  readFileSync(join('tests/fixtures/course-pack', path), 'utf8');
