import git from 'isomorphic-git';
import { normalizePath } from '../paths';
import { GitError } from './errors';
import { args, step, type Repo } from './repo';
import { isIgnored, status } from './status';

/**
 * Puts the file's current state in the next commit: its content, or its deletion. An ignored
 * file is refused with the reason (as `git add` does), never added silently.
 */
export async function stage(repo: Repo, path: string): Promise<void> {
  const present = await repo.storage.getFile(repo.projectId, path);
  if (present?.kind === 'file') {
    if (await isIgnored(repo, path))
      throw new GitError(
        'unsupported',
        `${path} is ignored by .gitignore, so it is not staged. Remove the matching line from .gitignore to track it.`,
        { paths: [path] },
      );
    await step(repo, `Staging ${path}`, () => git.add({ ...args(repo), filepath: path }));
  } else
    await step(repo, `Staging the deletion of ${path}`, () =>
      git.remove({ ...args(repo), filepath: path }),
    );
}

/** Takes the file out of the next commit; the working copy keeps every edit. */
export async function unstage(repo: Repo, path: string): Promise<void> {
  await step(repo, `Unstaging ${path}`, () => git.resetIndex({ ...args(repo), filepath: path }));
}

/**
 * `git rm -r --cached`: the file (or every file under a folder) leaves the index, so the next
 * commit stops tracking it, and the working copy stays. How committed data leaves the repository
 * (its old commits still hold it).
 */
export async function untrack(repo: Repo, path: string): Promise<void> {
  const filepath = normalizePath(typeof path === 'string' ? path.replace(/\/+$/, '') : path);
  await step(repo, `Untracking ${filepath}`, () => git.remove({ ...args(repo), filepath }));
}

/**
 * `git add .`: stages every change, except files .gitignore excludes that the index no longer
 * tracks (after `git rm --cached`, Git leaves an ignored file out). Returns the paths staged.
 */
export async function stageAll(repo: Repo): Promise<string[]> {
  const staged: string[] = [];
  for (const file of await status(repo)) {
    if (!file.unstaged) continue;
    const present = (await repo.storage.getFile(repo.projectId, file.path))?.kind === 'file';
    // In HEAD, out of the index, still on disk and ignored: what `git rm --cached` leaves.
    if (present && file.state === 'deleted' && (await isIgnored(repo, file.path))) continue;
    await stage(repo, file.path);
    staged.push(file.path);
  }
  return staged;
}
