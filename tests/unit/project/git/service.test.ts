import { describe, expect, it } from 'vitest';
import type { GitAuthor } from '../../../../src/lib/project/git/author';
import { GitError } from '../../../../src/lib/project/git/errors';
import { createGitService } from '../../../../src/lib/project/git/service';
import { unwrap } from '../../../../src/lib/project/git/settled';
import { MemoryProjectStorage } from '../../../../src/lib/project/memory-storage';

function service(options: { conventional?: boolean } = {}) {
  const storage = new MemoryProjectStorage();
  let author: unknown;
  const git = createGitService(storage, {
    readAuthor: async () => author,
    writeAuthor: async (a: GitAuthor) => void (author = a),
    requireConventional: async () => options.conventional ?? false,
  });
  const put = (path: string, text: string) =>
    storage.writeFiles('p', {
      put: [
        {
          projectId: 'p',
          path,
          kind: 'file',
          bytes: new TextEncoder().encode(text),
          mode: 0o100644,
          mtimeMs: Date.now(),
        },
      ],
    });
  return { git, put };
}

describe('the git service behind the project worker', () => {
  it('settles errors as values with their code, and the bridge-side unwrap rethrows them', async () => {
    const { git, put } = service();
    unwrap(await git.init('p'));
    await put('a.txt', 'a');
    unwrap(await git.stage('p', ['a.txt']));
    const refused = await git.commit('p', 'feat: a');
    expect(refused).toMatchObject({ ok: false, error: { code: 'no-author' } });
    expect(() => unwrap(refused)).toThrow(GitError);
    expect(await git.setAuthor({ name: 'Ada', email: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'bad-author' },
    });
    unwrap(await git.setAuthor({ name: 'Ada', email: 'ada@example.org' }));
    const { warnings } = unwrap(await git.commit('p', 'feat: a'));
    expect(warnings).toEqual([]);
    const overview = unwrap(await git.overview('p'));
    expect(overview).toMatchObject({
      hasRepo: true,
      branches: { current: 'main' },
      files: [],
      operation: undefined,
    });
    const { entries, graph } = unwrap(await git.log('p'));
    expect(entries.map((e) => e.subject)).toEqual(['feat: a']);
    expect(graph.rows).toHaveLength(1);
  });

  it('runs one project’s operations one at a time, in the order asked', async () => {
    const { git, put } = service();
    unwrap(await git.init('p'));
    unwrap(await git.setAuthor({ name: 'Ada', email: 'ada@example.org' }));
    await put('a.txt', 'a');
    // Not awaited in between: without the queue, the commit could read the index before the stage wrote it.
    const [staged, committed] = await Promise.all([
      git.stage('p', ['a.txt']),
      git.commit('p', 'feat: a'),
    ]);
    expect(staged.ok && committed.ok).toBe(true);
  });

  it('a project that requires Conventional Commits refuses other messages', async () => {
    const { git, put } = service({ conventional: true });
    unwrap(await git.init('p'));
    unwrap(await git.setAuthor({ name: 'Ada', email: 'ada@example.org' }));
    await put('a.txt', 'a');
    unwrap(await git.stage('p', ['a.txt']));
    expect(await git.commit('p', 'stuff')).toMatchObject({
      ok: false,
      error: { code: 'message-rules' },
    });
  });
});
