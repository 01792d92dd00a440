import git from 'isomorphic-git';
import { listBranches, missingBranch } from './branches';
import { GitError } from './errors';
import { readOperation, describeOperation } from './operation';
import { args, step, type Repo } from './repo';
import { isClean } from './status';

/**
 * Switches to a branch. Refused, with the files named, while changes are uncommitted: Git would
 * carry or overwrite them, and a student should never lose work to a switch.
 */
export async function checkout(repo: Repo, branch: string): Promise<void> {
  const { current, all } = await listBranches(repo);
  if (!all.includes(branch)) throw missingBranch(branch, all);
  if (branch === current) return;
  const operation = await readOperation(repo);
  if (operation)
    throw new GitError(
      'merging',
      `You are ${describeOperation(operation)}. Finish it (resolve, stage, commit) or abort it before switching branches.`,
    );
  const { dirty } = await isClean(repo);
  if (dirty.length)
    throw new GitError(
      'dirty',
      `Switching to ${branch} would overwrite uncommitted changes in ${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ` and ${dirty.length - 5} more` : ''}. Commit them (or undo them) first; nothing was changed.`,
      { paths: dirty },
    );
  await step(repo, `Switching to ${branch}`, async () => {
    try {
      await git.checkout({ ...args(repo), ref: branch });
    } catch (error) {
      const e = error as { code?: string; data?: { filepaths?: string[] } };
      if (e.code === 'CheckoutConflictError')
        throw new GitError(
          'dirty',
          `Switching to ${branch} would overwrite files that are not committed: ${(e.data?.filepaths ?? []).join(', ')}. Commit or rename them first; nothing was changed.`,
          { paths: e.data?.filepaths ?? [] },
        );
      throw error;
    }
  });
}
