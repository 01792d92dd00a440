import { describe, expect, it } from 'vitest';
import { log } from '../../../../src/lib/project/git/log';
import { revert } from '../../../../src/lib/project/git/revert';
import { createTag, listTags } from '../../../../src/lib/project/git/tags';
import { diffCommits, diffFile } from '../../../../src/lib/project/git/diff';
import { stage } from '../../../../src/lib/project/git/stage';
import { commit } from '../../../../src/lib/project/git/commit';
import { status } from '../../../../src/lib/project/git/status';
import { AUTHOR, commitFiles, newRepo, read, tick, write } from './repo-fixture';

describe('revert', () => {
  it('adds a commit that undoes one, keeping later work', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.txt': 'a\n', 'b.txt': 'b\n' }, 'feat: start');
    const bad = await commitFiles(repo, { 'a.txt': 'broken\n' }, 'feat: break a');
    await commitFiles(repo, { 'b.txt': 'b2\n' }, 'feat: b2');
    const result = await revert(repo, bad, AUTHOR, tick());
    expect(result.kind).toBe('reverted');
    expect([await read(repo, 'a.txt'), await read(repo, 'b.txt')]).toEqual(['a\n', 'b2\n']);
    const [top] = await log(repo);
    expect(top!.subject).toBe('Revert "feat: break a"');
    expect(top!.message).toContain(`This reverts commit ${bad}.`);
    expect(await status(repo)).toEqual([]);
  });

  it('stops on a conflict with both sides kept, like a merge', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.txt': 'one\n' }, 'feat: one');
    const target = await commitFiles(repo, { 'a.txt': 'two\n' }, 'feat: two');
    await commitFiles(repo, { 'a.txt': 'three\n' }, 'feat: three');
    const result = await revert(repo, target, AUTHOR, tick());
    expect(result).toMatchObject({ kind: 'conflicts', conflicts: ['a.txt'] });
    const text = (await read(repo, 'a.txt'))!;
    expect(text).toContain('three');
    expect(text).toContain('one');
    await write(repo, 'a.txt', 'one and three\n');
    await stage(repo, 'a.txt');
    await commit(repo, { message: 'revert: two', author: AUTHOR, timestamp: tick() });
    expect((await log(repo))[0]!.parents.length).toBe(1);
  });
});

describe('tags', () => {
  it('makes annotated semver tags, newer each time', async () => {
    const repo = await newRepo();
    const first = await commitFiles(repo, { 'a.txt': '1' }, 'feat: one');
    await createTag(repo, {
      name: 'v1.0.0',
      message: 'First release',
      author: AUTHOR,
      timestamp: tick(),
    });
    await expect(
      createTag(repo, { name: 'release-1', message: 'x', author: AUTHOR }),
    ).rejects.toMatchObject({
      code: 'bad-tag',
      message: expect.stringContaining('"v1.0.1"'),
    });
    await expect(
      createTag(repo, { name: 'v0.9.0', message: 'x', author: AUTHOR }),
    ).rejects.toMatchObject({
      code: 'bad-tag',
      message: expect.stringContaining('not newer than v1.0.0'),
    });
    await expect(
      createTag(repo, { name: 'v1.0.0', message: 'x', author: AUTHOR }),
    ).rejects.toMatchObject({ code: 'exists' });
    await commitFiles(repo, { 'a.txt': '2' }, 'feat: two');
    await createTag(repo, {
      name: 'v1.1.0-rc.1',
      message: 'Candidate',
      author: AUTHOR,
      timestamp: tick(),
    });
    expect(await listTags(repo)).toEqual([
      { name: 'v1.0.0', oid: first, message: 'First release', annotated: true },
      expect.objectContaining({ name: 'v1.1.0-rc.1', message: 'Candidate' }),
    ]);
    expect((await log(repo)).map((c) => c.refs)).toEqual([
      ['main', 'tag: v1.1.0-rc.1'],
      ['tag: v1.0.0'],
    ]);
  });
});

describe('diff', () => {
  it('gives side-by-side rows between HEAD, the index and the working file', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.py': 'x = 1\ny = 2\nz = 3\n' }, 'feat: a');
    await write(repo, 'a.py', 'x = 1\ny = 20\nz = 3\nw = 4\n');
    const d = await diffFile(repo, 'a.py', 'HEAD', 'workdir');
    expect(d.rows).toEqual([
      { kind: 'same', left: { number: 1, text: 'x = 1' }, right: { number: 1, text: 'x = 1' } },
      { kind: 'changed', left: { number: 2, text: 'y = 2' }, right: { number: 2, text: 'y = 20' } },
      { kind: 'same', left: { number: 3, text: 'z = 3' }, right: { number: 3, text: 'z = 3' } },
      { kind: 'added', right: { number: 4, text: 'w = 4' } },
    ]);
    expect(
      (await diffFile(repo, 'a.py', 'HEAD', 'index')).rows.every((r) => r.kind === 'same'),
    ).toBe(true);
    await stage(repo, 'a.py');
    expect(
      (await diffFile(repo, 'a.py', 'index', 'workdir')).rows.every((r) => r.kind === 'same'),
    ).toBe(true);
    expect((await diffFile(repo, 'new.py', 'HEAD', 'workdir')).before).toBeNull();
  });

  it('lists the files changed between two commits, and marks binary files', async () => {
    const repo = await newRepo();
    const a = await commitFiles(
      repo,
      { 'keep.txt': 'k', 'gone.txt': 'g', 'edit.txt': '1' },
      'feat: a',
    );
    await repo.fs.promises.unlink('/gone.txt');
    await stage(repo, 'gone.txt');
    await repo.fs.promises.writeFile('/img.bin', new Uint8Array([0, 1, 2]));
    await stage(repo, 'img.bin');
    const b = await commitFiles(repo, { 'edit.txt': '2' }, 'feat: b');
    expect(await diffCommits(repo, a, b)).toEqual([
      { path: 'edit.txt', change: 'modified' },
      { path: 'gone.txt', change: 'removed' },
      { path: 'img.bin', change: 'added' },
    ]);
    expect(await diffFile(repo, 'img.bin', { commit: a }, { commit: b })).toMatchObject({
      binary: true,
      rows: [],
    });
  });
});
