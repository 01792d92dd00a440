import { describe, expect, it } from 'vitest';
import { seedHash } from '../../../src/lib/lessons/seed';
import type { LessonSeed } from '../../../src/lib/lessons/types';
import { ProjectFiles } from '../../../src/lib/project/files';
import { MemoryProjectStorage } from '../../../src/lib/project/memory-storage';
import {
  addSeedAsNewProject,
  ensureLessonProject,
  lessonProjectId,
} from '../../../src/lib/project/seed';

function seedOf(files: Record<string, string>, name = 'taxi'): LessonSeed {
  const list = Object.entries(files).map(([path, text]) => ({ path, text }));
  return { name, hash: seedHash(list), files: list };
}
const v1 = seedOf({ 'src/features.js': 'export const a = 1;\n', 'README.md': '# Taxi\n' });
const v2 = seedOf({ 'src/features.js': 'export const a = 2;\n', 'config.yml': 'k: 1\n' });

describe('a lesson project from its seed', () => {
  it('is created on the first visit with the lesson id and seed hash, files and folders', async () => {
    const port = new MemoryProjectStorage();
    const state = await ensureLessonProject(port, 'refactor', v1);
    expect(state).toMatchObject({
      created: true,
      project: { id: lessonProjectId('refactor'), name: 'taxi', lessonId: 'refactor' },
    });
    expect(state.project.seedHash).toBe(v1.hash);
    expect(await port.listPaths(state.project.id)).toEqual(['README.md', 'src', 'src/features.js']);
  });

  it('is created once when two tabs open the lesson at the same time', async () => {
    const port = new MemoryProjectStorage();
    const [a, b] = await Promise.all([
      ensureLessonProject(port, 'refactor', v1),
      ensureLessonProject(port, 'refactor', v1),
    ]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.project.id).toBe(b.project.id);
    expect(await port.listProjects()).toHaveLength(1);
  });

  it('takes the next free name when a project of the student already has it', async () => {
    const port = new MemoryProjectStorage();
    await new ProjectFiles(port).create('taxi');
    const { project } = await ensureLessonProject(port, 'refactor', v1);
    expect(project.name).toBe('taxi-2');
  });

  it('is never overwritten: a changed seed is reported per file and offered as taxi-v2', async () => {
    const port = new MemoryProjectStorage();
    const { project } = await ensureLessonProject(port, 'refactor', v1);
    const files = new ProjectFiles(port);
    await files.write(project.id, 'src/features.js', 'export const a = 42; // mine\n');
    await files.write(project.id, 'notes.md', 'my notes');

    const again = await ensureLessonProject(port, 'refactor', v2);
    expect(again.created).toBe(false);
    expect(again.project.id).toBe(project.id);
    expect(again.update?.files).toEqual([
      { path: 'README.md', change: 'only in yours' },
      { path: 'config.yml', change: 'new in the starter' },
      { path: 'notes.md', change: 'only in yours' },
      { path: 'src/features.js', change: 'differs from yours' },
    ]);
    expect(await files.readText(project.id, 'src/features.js')).toBe(
      'export const a = 42; // mine\n',
    );

    const copy = await addSeedAsNewProject(port, 'refactor', v2);
    expect(copy).toMatchObject({ name: 'taxi-v2', lessonId: 'refactor', seedHash: v2.hash });
    expect(await files.readText(copy.id, 'src/features.js')).toBe('export const a = 2;\n');
    expect(await addSeedAsNewProject(port, 'refactor', v2)).toEqual(copy);
    const after = await ensureLessonProject(port, 'refactor', v2);
    expect(after).toEqual({ project: copy, created: false });
    expect(await files.readText(project.id, 'notes.md')).toBe('my notes');
  });

  it('keeps names within the 64-character limit', async () => {
    const port = new MemoryProjectStorage();
    const long = seedOf({ 'a.js': '' }, 'x'.repeat(64));
    await ensureLessonProject(port, 'l', long);
    const copy = await addSeedAsNewProject(port, 'l', seedOf({ 'a.js': '1' }, 'x'.repeat(64)));
    expect(copy.name).toBe(`${'x'.repeat(61)}-v2`);
  });
});
