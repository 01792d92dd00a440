import git from 'isomorphic-git';
import { args, step, type Repo } from '../project/git/repo';
import { CiError } from './errors';

/** A CI job reads at most this much text; a project bigger than that is not a lesson project. */
const MAX_CHECKOUT_BYTES = 32 * 1024 * 1024;

/**
 * The text files of one commit, by path: what a CI run checks out. Read from Git's objects, not
 * the working folder, so the run sees exactly what was committed (uncommitted edits stay out).
 * Files that are not UTF-8 text are left out, as no labbook command reads them.
 */
export async function filesAtCommit(repo: Repo, oid: string): Promise<Record<string, string>> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files: Record<string, string> = {};
  let bytes = 0;
  await step(repo, `Checking out ${oid.slice(0, 7)}`, () =>
    git.walk({
      ...args(repo),
      trees: [git.TREE({ ref: oid })],
      map: async (path, [entry]) => {
        if (path === '.' || (await entry?.type()) !== 'blob') return undefined;
        const content = await entry!.content();
        if (!content) return undefined;
        bytes += content.byteLength;
        if (bytes > MAX_CHECKOUT_BYTES) return undefined;
        try {
          files[path] = decoder.decode(content);
        } catch {
          // binary: not for any labbook command
        }
        return undefined;
      },
    }),
  );
  return files;
}

/** The branch HEAD is on and its commit: what a push from the Git panel or a cell sends to CI. */
export async function headOf(repo: Repo): Promise<{ branch: string; sha: string } | null> {
  const branch = await git.currentBranch({ ...args(repo) }).catch(() => undefined);
  if (!branch) return null;
  const sha = await git.resolveRef({ ...args(repo), ref: branch }).catch(() => undefined);
  return sha ? { branch, sha } : null;
}

/** The commit a branch points at, or a CiError naming the branches there are. */
export async function tipOf(repo: Repo, branch: string): Promise<string> {
  const sha = await git
    .resolveRef({ ...args(repo), ref: `refs/heads/${branch}` })
    .catch(() => undefined);
  if (sha) return sha;
  const branches = await git.listBranches({ ...args(repo) }).catch(() => [] as string[]);
  throw new CiError(
    'no-workflow',
    `No branch "${branch}" (there are: ${branches.join(', ') || 'none'}).`,
  );
}
