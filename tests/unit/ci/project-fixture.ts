import { filesAtCommit } from '../../../src/lib/ci/commit-files';
import { ciMergeGate } from '../../../src/lib/ci/gates';
import { memoryCiRunPort } from '../../../src/lib/ci/run-port';
import type { GitAuthor } from '../../../src/lib/project/git/author';
import { openRepo } from '../../../src/lib/project/git/repo';
import { createGitService } from '../../../src/lib/project/git/service';
import { unwrap } from '../../../src/lib/project/git/settled';
import { MemoryProjectStorage } from '../../../src/lib/project/memory-storage';

export const PROJECT = 'p';

/**
 * A project in memory with real Git (the service the Project page uses), its CI run store and the
 * merge gate wired in: commit files, get the commit's oid, read a commit's files as CI does.
 */
export function ciProject() {
  const storage = new MemoryProjectStorage();
  const runs = memoryCiRunPort();
  let author: unknown = { name: 'Ada', email: 'ada@example.org' };
  const git = createGitService(storage, {
    readAuthor: async () => author,
    writeAuthor: async (a: GitAuthor) => void (author = a),
    requireConventional: async () => false,
    mergeGate: ciMergeGate(runs),
  });
  const fs = openRepo(storage, PROJECT).fs;
  const put = async (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      const dir = path.split('/').slice(0, -1);
      for (let i = 1; i <= dir.length; i++)
        await fs.promises.mkdir(`/${dir.slice(0, i).join('/')}`).catch(() => {});
      await fs.promises.writeFile(`/${path}`, text);
    }
  };
  return {
    storage,
    put,
    runs,
    git,
    async init() {
      await storage.putProject({ id: PROJECT, name: 'demo', createdAt: 0, updatedAt: 0 });
      unwrap(await git.init(PROJECT));
    },
    /** Writes, stages and commits; returns the new commit's oid. */
    async commit(files: Record<string, string>, message = 'change') {
      await put(files);
      unwrap(await git.stage(PROJECT, Object.keys(files)));
      return unwrap(await git.commit(PROJECT, message)).oid;
    },
    filesAt: (_project: string, sha: string) => filesAtCommit(openRepo(storage, PROJECT), sha),
  };
}
