import { describe, expect, it } from 'vitest';
import { lintProject } from '../../../../src/lib/project/lint';
import { checkAll } from '../../../../src/lib/lessons';
import { readLessonFiles } from '../../../../scripts/vite/lessons-plugin';

/**
 * Lesson starter projects are student-facing code: the repository's ESLint leaves them to the
 * Labbook's own rule set (docs/lint-rules.md), which this test applies as the Problems panel
 * would. Only what a lesson keeps on purpose may be reported.
 */
const DELIBERATE: Record<string, string[]> = {
  // The monolith the lesson teaches the student to split up.
  'notebook-to-modules': ['notebook.js complexity'],
  // The first push is red on this lint error: fixing it is the exercise.
  'ci-for-ml': ['src/features.js no-undef'],
  // The Dockerfile the lesson has the student fix, one finding per practice it teaches.
  'containers-and-environments': [
    'Dockerfile docker/pinned-base',
    'Dockerfile docker/non-root-user',
    'Dockerfile docker/healthcheck',
    'Dockerfile docker/deps-before-code',
    'Dockerfile docker/expose-port',
  ],
};

describe('lesson starter projects under the Labbook rule set', () => {
  const lessons = checkAll(readLessonFiles('lessons')).lessons.filter((l) => l.seed);

  it('finds the lessons that seed a project', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(3);
  });

  it.each(lessons.map((l) => [l.meta.id, l] as const))('%s lints clean', (id, lesson) => {
    const { files: results } = lintProject(lesson.seed!.files);
    const found = results.flatMap(({ path, diagnostics }) =>
      diagnostics.map((d) => `${path} ${d.ruleId ?? 'parse'}`),
    );
    expect(found.filter((f) => !(DELIBERATE[id] ?? []).includes(f))).toEqual([]);
  });
});
