import { describe, expect } from 'vitest';
import { createBranch, deleteBranch, listBranches } from '../../src/lib/project/git/branches';
import { checkout } from '../../src/lib/project/git/checkout';
import { commit } from '../../src/lib/project/git/commit';
import { log } from '../../src/lib/project/git/log';
import { merge } from '../../src/lib/project/git/merge';
import { stage } from '../../src/lib/project/git/stage';
import { status } from '../../src/lib/project/git/status';
import { createTag } from '../../src/lib/project/git/tags';
import { initRepo } from '../../src/lib/project/git/init';
import { openRepo } from '../../src/lib/project/git/repo';
import { AUTHOR, commitFiles, newRepo, read, tick, write } from '../unit/project/git/repo-fixture';
import { hostile } from './hostile';

/** What Git refuses in a branch or tag name, and the reason the student is told. */
const BAD_NAMES: [string, RegExp][] = [
  ['feature..x', /"\.\."/],
  ['feature~1', /"~"/],
  ['main^', /"\^"/],
  ['my branch', /space/],
  ['feature.lock', /\.lock/],
  ['-delete-all', /starts with "-"/],
  ['a:b', /":"/],
  ['ref\u0007bell', /control character/],
  ['.hidden', /starting with "\."/],
  ['trail/', /empty part/],
];

describe('git', () => {
  for (const [name, why] of BAD_NAMES)
    hostile(
      'git',
      `branch and tag named ${JSON.stringify(name)}`,
      { guards: 'clarity' },
      async () => {
        const repo = await newRepo();
        await commitFiles(repo, { 'a.txt': 'a' }, 'feat: a');
        await expect(createBranch(repo, name)).rejects.toMatchObject({
          code: 'bad-ref-name',
          message: expect.stringMatching(why),
        });
        await expect(createTag(repo, { name, message: 'x', author: AUTHOR })).rejects.toMatchObject(
          { code: 'bad-ref-name' },
        );
        expect((await listBranches(repo)).all).toEqual(['main']);
        expect(await repo.storage.listPaths(repo.projectId, '.git/refs/tags')).toEqual([
          '.git/refs/tags',
        ]);
      },
    );

  hostile('git', 'a 1 MB commit message', { guards: 'clarity' }, async () => {
    const repo = await newRepo();
    await write(repo, 'a.txt', 'a');
    await stage(repo, 'a.txt');
    await expect(
      commit(repo, { message: 'fix: x\n\n' + 'y'.repeat(1024 * 1024), author: AUTHOR }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('the limit is 65,536'),
    });
    expect(await log(repo)).toEqual([]);
    expect((await status(repo))[0]).toMatchObject({ path: 'a.txt', staged: true });
  });

  hostile(
    'git',
    'control characters and a forged header in the author',
    { guards: 'security' },
    async () => {
      const repo = await newRepo();
      await write(repo, 'a.txt', 'a');
      await stage(repo, 'a.txt');
      for (const author of [
        { name: 'Eve\ncommitter Mallory <m@x.org> 0 +0000', email: 'eve@x.org' },
        { name: 'Eve\u0000', email: 'eve@x.org' },
        { name: 'Eve', email: 'eve>@x.org' },
        { name: 'Eve', email: 'not an email' },
      ])
        await expect(commit(repo, { message: 'fix: x', author })).rejects.toMatchObject({
          code: 'bad-author',
        });
      expect(await log(repo)).toEqual([]);
    },
  );

  hostile('git', 'a corrupted object row (garbage bytes)', { guards: 'data' }, async () => {
    const repo = await newRepo();
    const first = await commitFiles(repo, { 'a.txt': 'first\n' }, 'feat: first');
    const second = await commitFiles(repo, { 'a.txt': 'second\n', 'b.txt': 'b\n' }, 'feat: second');
    const path = `.git/objects/${second.slice(0, 2)}/${second.slice(2)}`;
    const row = (await repo.storage.getFile(repo.projectId, path))!;
    await repo.storage.writeFiles(repo.projectId, {
      put: [{ ...row, bytes: new TextEncoder().encode('garbage, not zlib') }],
    });
    const fresh = openRepo(repo.storage, repo.projectId); // no cached objects
    await expect(log(fresh)).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining(second),
    });
    // Status needs HEAD, so it says the same; nothing else broke: the working files, the
    // older commit and another project in the same storage still read.
    await expect(status(fresh)).rejects.toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining(second),
    });
    expect(await read(fresh, 'a.txt')).toBe('second\n');
    expect((await log(fresh, { ref: first })).map((c) => c.oid)).toEqual([first]);
    const other = openRepo(repo.storage, 'other');
    await initRepo(other);
    await commitFiles(other, { 'x.txt': 'x' }, 'feat: x');
    expect(await status(other)).toEqual([]);
  });

  hostile('git', 'merge of unrelated histories', { guards: 'data' }, async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.txt': 'main\n' }, 'feat: main');
    // An orphan branch: its own root commit, sharing nothing with main.
    await repo.fs.promises.writeFile('/.git/HEAD', 'ref: refs/heads/orphan\n');
    await repo.fs.promises.unlink('/.git/index');
    await commitFiles(repo, { 'z.txt': 'orphan\n' }, 'feat: orphan');
    await checkout(repo, 'main').catch(() => undefined);
    await repo.fs.promises.writeFile('/.git/HEAD', 'ref: refs/heads/main\n');
    const before = await log(repo, { ref: 'main' });
    await expect(merge(repo, 'orphan', AUTHOR)).rejects.toMatchObject({
      code: 'unrelated',
      message: expect.stringContaining('share no commit'),
    });
    expect(await log(repo, { ref: 'main' })).toEqual(before);
    expect(await read(repo, '.git/MERGE_HEAD')).toBeUndefined();
  });

  hostile('git', 'checkout of a missing branch', { guards: 'clarity' }, async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.txt': 'a' }, 'feat: a');
    await expect(checkout(repo, 'nope')).rejects.toMatchObject({
      code: 'not-found',
      message: 'There is no branch "nope". The branches are: main.',
    });
    expect(await read(repo, 'a.txt')).toBe('a');
  });

  hostile('git', 'deleting the current branch', { guards: 'data' }, async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.txt': 'a' }, 'feat: a');
    await expect(deleteBranch(repo, 'main')).rejects.toMatchObject({ code: 'current-branch' });
    expect((await log(repo)).length).toBe(1);
  });

  hostile('git', 'a .gitignore with hostile patterns', { guards: 'availability' }, async () => {
    const repo = await newRepo();
    // Broken brackets, escapes, negations, escapes out of the project, a NUL, huge and
    // backtracking-prone globs: none may crash or hang status, none may hide src/keep.py.
    const patterns = [
      '[',
      '\\',
      '!',
      '../..',
      '/',
      '[z-a]',
      '\u0000',
      '#x',
      'a'.repeat(10_000),
      '**/'.repeat(200) + 'nomatch',
      'x' + '*'.repeat(5000) + 'y',
      '!src/keep.py',
    ];
    await write(repo, '.gitignore', patterns.join('\n'));
    await write(repo, 'src/keep.py', 'x');
    const started = Date.now();
    const files = await status(repo);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['.gitignore', 'src/keep.py']));
    await stage(repo, 'src/keep.py');
    await commit(repo, { message: 'feat: keep', author: AUTHOR, timestamp: tick() });
    expect((await log(repo))[0]!.subject).toBe('feat: keep');
  });

  hostile('git', 'a second init over an existing repository', { guards: 'data' }, async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.txt': 'a' }, 'feat: a');
    expect(await initRepo(openRepo(repo.storage, repo.projectId))).toEqual({ created: false });
    expect((await log(repo)).length).toBe(1);
  });
});
