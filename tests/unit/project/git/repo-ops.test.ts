import { describe, expect, it } from 'vitest';
import { status } from '../../../../src/lib/project/git/status';
import { stage, unstage } from '../../../../src/lib/project/git/stage';
import { commit } from '../../../../src/lib/project/git/commit';
import { log } from '../../../../src/lib/project/git/log';
import { createBranch, deleteBranch, listBranches } from '../../../../src/lib/project/git/branches';
import { checkout } from '../../../../src/lib/project/git/checkout';
import { initRepo } from '../../../../src/lib/project/git/init';
import { AUTHOR, commitFiles, newRepo, read, tick, write } from './repo-fixture';

describe('repository operations', () => {
  it('init makes main the default branch, and a second init changes nothing', async () => {
    const repo = await newRepo();
    expect(await read(repo, '.git/HEAD')).toBe('ref: refs/heads/main\n');
    expect(await initRepo(repo)).toEqual({ created: false });
  });

  it('names each state: untracked, new, modified, deleted, staged or not', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' }, 'feat: start');
    await write(repo, 'a.txt', 'a2\n');
    await write(repo, 'b.txt', 'b2\n');
    await stage(repo, 'b.txt');
    await repo.fs.promises.unlink('/c.txt');
    await write(repo, 'new.txt', 'n\n');
    await write(repo, 'added.txt', 'x\n');
    await stage(repo, 'added.txt');
    const byPath = Object.fromEntries((await status(repo)).map((f) => [f.path, f.label]));
    expect(byPath).toEqual({
      'a.txt': 'modified, not staged',
      'b.txt': 'modified, staged',
      'c.txt': 'deleted, not staged',
      'new.txt': 'untracked (new, not staged)',
      'added.txt': 'new, staged',
    });
    await stage(repo, 'c.txt');
    await unstage(repo, 'b.txt');
    const after = Object.fromEntries((await status(repo)).map((f) => [f.path, f.label]));
    expect(after['c.txt']).toBe('deleted, staged');
    expect(after['b.txt']).toBe('modified, not staged');
    expect(await read(repo, 'b.txt')).toBe('b2\n');
  });

  it('sees an edit made in the same millisecond as the commit', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.txt': 'one\n' }, 'feat: one');
    await write(repo, 'a.txt', 'two\n'); // same size, at once
    expect((await status(repo)).map((f) => f.label)).toEqual(['modified, not staged']);
  });

  it('commits with the author from settings and refuses without one, or with nothing staged', async () => {
    const repo = await newRepo();
    await write(repo, 'a.txt', 'a');
    await stage(repo, 'a.txt');
    await expect(commit(repo, { message: 'feat: a', author: undefined })).rejects.toMatchObject({
      code: 'no-author',
      message: expect.stringContaining('Settings → Git author'),
    });
    const { oid, warnings } = await commit(repo, {
      message: 'add a',
      author: AUTHOR,
      timestamp: tick(),
    });
    expect(warnings[0]).toContain('type(scope): subject');
    const [entry] = await log(repo);
    expect(entry).toMatchObject({ oid, subject: 'add a', author: AUTHOR, refs: ['main'] });
    await expect(commit(repo, { message: 'fix: nothing', author: AUTHOR })).rejects.toMatchObject({
      code: 'nothing-to-commit',
    });
  });

  it('refuses a message that breaks the convention when the project requires it', async () => {
    const repo = await newRepo();
    await write(repo, 'a.txt', 'a');
    await stage(repo, 'a.txt');
    await expect(
      commit(repo, { message: 'added stuff', author: AUTHOR, requireConventional: true }),
    ).rejects.toMatchObject({
      code: 'message-rules',
      message: expect.stringContaining('requires Conventional Commits'),
    });
    expect(await log(repo)).toEqual([]);
  });

  it('creates, lists, switches and deletes branches; the files follow the branch', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.txt': 'main\n' }, 'feat: main');
    await createBranch(repo, 'feature/x');
    await checkout(repo, 'feature/x');
    await commitFiles(repo, { 'a.txt': 'feature\n', 'f.txt': 'only here\n' }, 'feat: feature');
    expect(await listBranches(repo)).toEqual({ current: 'feature/x', all: ['feature/x', 'main'] });
    await checkout(repo, 'main');
    expect(await read(repo, 'a.txt')).toBe('main\n');
    expect(await read(repo, 'f.txt')).toBeUndefined();
    await expect(deleteBranch(repo, 'main')).rejects.toMatchObject({ code: 'current-branch' });
    await deleteBranch(repo, 'feature/x');
    expect((await listBranches(repo)).all).toEqual(['main']);
  });

  it('refuses checkout over uncommitted changes and keeps them', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.txt': 'v1\n' }, 'feat: v1');
    await createBranch(repo, 'other');
    await checkout(repo, 'other');
    await commitFiles(repo, { 'a.txt': 'other\n' }, 'feat: other');
    await checkout(repo, 'main');
    await write(repo, 'a.txt', 'my unsaved work\n');
    await expect(checkout(repo, 'other')).rejects.toMatchObject({
      code: 'dirty',
      message: expect.stringContaining('a.txt'),
    });
    expect(await read(repo, 'a.txt')).toBe('my unsaved work\n');
    expect((await listBranches(repo)).current).toBe('main');
  });

  it('respects .gitignore in status and refuses to stage an ignored file', async () => {
    const repo = await newRepo();
    await write(repo, '.gitignore', 'data/\n*.log\n');
    await write(repo, 'data/big.csv', 'x');
    await write(repo, 'run.log', 'x');
    await write(repo, 'keep.txt', 'x');
    expect((await status(repo)).map((f) => f.path).sort()).toEqual(['.gitignore', 'keep.txt']);
    const labels = (await status(repo, { ignored: true }))
      .filter((f) => f.state === 'ignored')
      .map((f) => f.path);
    expect(labels.sort()).toEqual(['data/big.csv', 'run.log']);
    await expect(stage(repo, 'run.log')).rejects.toMatchObject({
      message: expect.stringContaining('.gitignore'),
    });
  });
});
