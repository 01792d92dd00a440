import { describe, expect, it } from 'vitest';
import { createBranch, listBranches } from '../../../../src/lib/project/git/branches';
import { checkout } from '../../../../src/lib/project/git/checkout';
import { commit } from '../../../../src/lib/project/git/commit';
import { log } from '../../../../src/lib/project/git/log';
import { abortOperation, merge } from '../../../../src/lib/project/git/merge';
import { readOperation } from '../../../../src/lib/project/git/operation';
import { stage } from '../../../../src/lib/project/git/stage';
import { status } from '../../../../src/lib/project/git/status';
import type { Repo } from '../../../../src/lib/project/git/repo';
import { AUTHOR, commitFiles, newRepo, read, tick, write } from './repo-fixture';

/** main and feature both change line 2 of model.py after a shared start. */
async function diverged(): Promise<Repo> {
  const repo = await newRepo();
  await commitFiles(
    repo,
    { 'model.py': 'a = 1\nb = 2\nc = 3\n', 'README.md': 'hi\n' },
    'feat: start',
  );
  await createBranch(repo, 'feature');
  await checkout(repo, 'feature');
  await commitFiles(
    repo,
    { 'model.py': 'a = 1\nb = 20\nc = 3\n', 'extra.py': 'x = 1\n' },
    'feat: b is 20',
  );
  await checkout(repo, 'main');
  await commitFiles(repo, { 'model.py': 'a = 1\nb = 200\nc = 3\n' }, 'feat: b is 200');
  return repo;
}

describe('merge', () => {
  it('fast-forwards when main has not moved, and updates the files', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.txt': '1\n' }, 'feat: one');
    await createBranch(repo, 'feature');
    await checkout(repo, 'feature');
    const tip = await commitFiles(repo, { 'a.txt': '2\n' }, 'feat: two');
    await checkout(repo, 'main');
    expect(await merge(repo, 'feature', AUTHOR, tick())).toEqual({
      kind: 'fast-forward',
      oid: tip,
    });
    expect(await read(repo, 'a.txt')).toBe('2\n');
    expect(await status(repo)).toEqual([]);
    expect(await merge(repo, 'feature', AUTHOR, tick())).toEqual({ kind: 'up-to-date' });
  });

  it('with noFastForward makes a merge commit even when main has not moved (git merge --no-ff)', async () => {
    const repo = await newRepo();
    const start = await commitFiles(repo, { 'a.txt': '1\n' }, 'feat: one');
    await createBranch(repo, 'feature');
    await checkout(repo, 'feature');
    const tip = await commitFiles(repo, { 'a.txt': '2\n' }, 'feat: two');
    await checkout(repo, 'main');
    const result = await merge(repo, 'feature', AUTHOR, tick(), { noFastForward: true });
    expect(result.kind).toBe('merged');
    const [top] = await log(repo, { ref: 'main' });
    expect(top!.parents).toEqual([start, tip]);
    expect(await read(repo, 'a.txt')).toBe('2\n');
    expect(await status(repo)).toEqual([]);
  });

  it('three-way merges different files into a commit with both parents', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.txt': '1\n', 'b.txt': '1\n' }, 'feat: one');
    await createBranch(repo, 'feature');
    await checkout(repo, 'feature');
    const theirs = await commitFiles(repo, { 'b.txt': 'feature\n' }, 'feat: b');
    await checkout(repo, 'main');
    const ours = await commitFiles(repo, { 'a.txt': 'main\n' }, 'feat: a');
    const result = await merge(repo, 'feature', AUTHOR, tick());
    expect(result.kind).toBe('merged');
    const [top] = await log(repo);
    expect(top!.parents).toEqual([ours, theirs]);
    expect(top!.subject).toBe("Merge branch 'feature' into main");
    expect([await read(repo, 'a.txt'), await read(repo, 'b.txt')]).toEqual(['main\n', 'feature\n']);
    expect(await status(repo)).toEqual([]);
  });

  it('on a conflict writes both sides between markers, and the resolution commits with both parents', async () => {
    const repo = await diverged();
    const ours = (await log(repo, { ref: 'main' }))[0]!.oid;
    const theirs = (await log(repo, { ref: 'feature' }))[0]!.oid;
    const result = await merge(repo, 'feature', AUTHOR, tick());
    expect(result).toEqual({
      kind: 'conflicts',
      conflicts: ['model.py'],
      summary: 'merging feature into main: 1 conflict',
    });
    const text = await read(repo, 'model.py');
    expect(text).toContain('<<<<<<< main');
    expect(text).toContain('b = 200');
    expect(text).toContain('=======');
    expect(text).toContain('b = 20\n');
    expect(text).toContain('>>>>>>> feature');
    expect(await read(repo, '.git/MERGE_HEAD')).toBe(theirs + '\n');
    expect((await status(repo)).find((f) => f.path === 'model.py')?.state).toBe('conflicted');
    // Committing with the markers in place is refused, naming the line.
    await expect(commit(repo, { message: 'merge', author: AUTHOR })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^model\.py:\d+ still has a conflict marker/),
    });
    await expect(checkout(repo, 'feature')).rejects.toMatchObject({ code: 'merging' });
    await write(repo, 'model.py', 'a = 1\nb = 220\nc = 3\n');
    await stage(repo, 'model.py');
    const { oid } = await commit(repo, {
      message: "Merge branch 'feature' into main",
      author: AUTHOR,
      timestamp: tick(),
    });
    const [top] = await log(repo);
    expect(top).toMatchObject({ oid, parents: [ours, theirs] });
    expect(await readOperation(repo)).toBeUndefined();
    expect(await read(repo, '.git/MERGE_HEAD')).toBeUndefined();
    expect(await read(repo, 'extra.py')).toBe('x = 1\n');
    expect(await status(repo)).toEqual([]);
  });

  it('abort puts main back as it was and leaves feature untouched', async () => {
    const repo = await diverged();
    const before = await log(repo);
    await merge(repo, 'feature', AUTHOR, tick());
    await abortOperation(repo);
    expect(await read(repo, 'model.py')).toBe('a = 1\nb = 200\nc = 3\n');
    expect(await read(repo, 'extra.py')).toBeUndefined();
    expect(await status(repo)).toEqual([]);
    expect(await log(repo)).toEqual(before);
    expect((await listBranches(repo)).current).toBe('main');
    await checkout(repo, 'feature');
    expect(await read(repo, 'model.py')).toBe('a = 1\nb = 20\nc = 3\n');
  });

  it('refuses to start a merge over uncommitted changes and keeps them', async () => {
    const repo = await diverged();
    await write(repo, 'README.md', 'my edit\n');
    await expect(merge(repo, 'feature', AUTHOR)).rejects.toMatchObject({ code: 'dirty' });
    expect(await read(repo, 'README.md')).toBe('my edit\n');
  });

  it('refuses to write over a file the student never committed, and keeps it', async () => {
    const repo = await diverged(); // feature adds extra.py
    await write(repo, 'extra.py', 'my own, never committed\n');
    await expect(merge(repo, 'feature', AUTHOR)).rejects.toMatchObject({
      code: 'dirty',
      message: expect.stringContaining('extra.py, which you also have but never committed'),
    });
    expect(await read(repo, 'extra.py')).toBe('my own, never committed\n');
    expect(await readOperation(repo)).toBeUndefined();
  });

  it('an untracked file stays out of the merge commit', async () => {
    const repo = await diverged();
    await write(repo, 'notes.txt', 'scratch\n');
    await merge(repo, 'feature', AUTHOR, tick());
    await write(repo, 'model.py', 'a = 1\nb = 2\nc = 3\n');
    await stage(repo, 'model.py');
    await commit(repo, { message: 'merge', author: AUTHOR, timestamp: tick() });
    expect((await status(repo)).map((f) => [f.path, f.state])).toEqual([
      ['notes.txt', 'untracked'],
    ]);
  });
});
