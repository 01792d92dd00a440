import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, expect, it, vi } from 'vitest';
import { openLessonSession } from '../../../scripts/lesson-runner/lesson-session';
import { exportRepoZip } from '../../../src/lib/project/git/export-zip';
import { ensureLessonProject } from '../../../src/lib/project/seed';
import { shippedLesson } from './leaks/shipped';

// Each case replays the lesson's Git work; on a shared machine that can pass 5 s.
vi.setConfig({ testTimeout: 60_000 });

const temp = mkdtempSync(join(tmpdir(), 'labbook-lesson-git-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const git = (cwd: string, ...argv: string[]) =>
  execFileSync('git', argv, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, LC_ALL: 'C' },
  });

it('the repository the version-control lesson builds opens in the git CLI: graph, merge, tags, ignored data', async () => {
  const lesson = shippedLesson('version-control');
  const session = await openLessonSession(lesson);
  try {
    const { projects } = session.services;
    const { project } = await ensureLessonProject(projects.port, lesson.meta.id, lesson.seed!);
    projects.setActive(project.id);
    await session.runAll(); // every cell and every exercise's solution, in page order
    const dir = join(temp, 'taxi-git');
    for (const [path, bytes] of Object.entries(
      unzipSync(await exportRepoZip(projects.port, project.id)),
    )) {
      const target = join(dir, path);
      if (path.endsWith('/')) mkdirSync(target, { recursive: true });
      else {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, bytes);
      }
    }
    git(dir, 'fsck', '--strict', '--no-dangling');
    const graph = git(dir, 'log', '--oneline', '--graph', '--all', '--decorate');
    expect(graph).toMatch(/Merge branch 'feature\/airport-flag' into main/);
    expect(graph).toMatch(/feat: add pickup weekday feature/);
    // Three releases after v1.0.0, each an annotated tag git reads back.
    const tags = git(dir, 'tag', '--list', 'v*').trim().split('\n');
    expect(tags).toContain('v1.0.0');
    expect(tags).toHaveLength(4);
    for (const tag of tags) expect(git(dir, 'cat-file', '-t', tag).trim()).toBe('tag');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(
      git(dir, 'ls-files')
        .split('\n')
        .filter((f) => /^(data|models)\//.test(f)),
    ).toEqual([]);
    expect(git(dir, 'status', '--porcelain', '--ignored')).toMatch(/^!! data\/$/m);
  } finally {
    session.close();
  }
});
