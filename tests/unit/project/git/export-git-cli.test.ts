import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { createBranch } from '../../../../src/lib/project/git/branches';
import { checkout } from '../../../../src/lib/project/git/checkout';
import { exportRepoZip } from '../../../../src/lib/project/git/export-zip';
import { merge } from '../../../../src/lib/project/git/merge';
import { createTag } from '../../../../src/lib/project/git/tags';
import { AUTHOR, commitFiles, newRepo, tick, write } from './repo-fixture';

/** Debian's git, run in the unzipped folder; a missing git fails the test with the fix. */
function gitCli(cwd: string, ...argv: string[]): string {
  try {
    return execFileSync('git', argv, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, LC_ALL: 'C' },
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT')
      throw new Error(
        'The git CLI is not installed; this test checks exports with it. Install it: apt-get install git',
        { cause: error },
      );
    throw error;
  }
}

const temp = mkdtempSync(join(tmpdir(), 'labbook-git-export-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('an exported project opens with the git CLI', () => {
  it('git log, status, fsck and tag read the unzipped export', async () => {
    const repo = await newRepo();
    await commitFiles(
      repo,
      { 'README.md': '# Taxi fares\n', 'src/train.py': 'epochs = 5\n', '.gitignore': 'data/\n' },
      'feat: start the project',
    );
    await createBranch(repo, 'feature/drift');
    await checkout(repo, 'feature/drift');
    await commitFiles(
      repo,
      { 'src/drift.py': 'threshold = 0.1\n' },
      'feat(monitoring): add a drift check',
    );
    await checkout(repo, 'main');
    await commitFiles(repo, { 'src/train.py': 'epochs = 10\n' }, 'fix(train): train longer');
    expect((await merge(repo, 'feature/drift', AUTHOR, tick())).kind).toBe('merged');
    await createTag(repo, {
      name: 'v1.0.0',
      message: 'First model served',
      author: AUTHOR,
      timestamp: tick(),
    });
    await write(repo, 'data/raw.csv', 'fare\n1\n'); // ignored: status must stay clean

    const dir = join(temp, 'project');
    for (const [path, bytes] of Object.entries(
      unzipSync(await exportRepoZip(repo.storage, repo.projectId)),
    )) {
      const target = join(dir, path);
      if (path.endsWith('/')) mkdirSync(target, { recursive: true });
      else {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, bytes);
      }
    }

    const graph = gitCli(dir, 'log', '--oneline', '--graph', '--all', '--decorate');
    expect(graph).toMatch(
      /^\*\s+[0-9a-f]{7} \(HEAD -> main, tag: v1\.0\.0\) Merge branch 'feature\/drift' into main$/m,
    );
    expect(graph).toMatch(/^\|\\\s*$/m);
    expect(graph).toContain('feat(monitoring): add a drift check');
    expect(graph).toContain('fix(train): train longer');
    expect(graph).toContain('feat: start the project');
    expect(gitCli(dir, 'status', '--porcelain')).toBe('');
    expect(gitCli(dir, 'branch', '--show-current').trim()).toBe('main');
    gitCli(dir, 'fsck', '--strict', '--no-dangling'); // throws on any broken object
    expect(gitCli(dir, 'tag', '-n')).toMatch(/^v1\.0\.0\s+First model served$/m);
    expect(gitCli(dir, 'cat-file', '-t', 'v1.0.0').trim()).toBe('tag');
    expect(
      gitCli(dir, 'log', '-1', '--format=%an <%ae>%n%P').split('\n')[1]!.split(' '),
    ).toHaveLength(2);
  });
});
