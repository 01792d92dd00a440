import git from 'isomorphic-git';
import { args, step, type Repo } from '../project/git/repo';

/**
 * What the CI service's "remote" has: Git's remote-tracking ref `refs/remotes/origin/<branch>`,
 * kept in the project's own `.git` (exported and downloaded with it), moved by every push that
 * reached CI. A push of a commit the remote has already is Git's "Everything up-to-date": no
 * new commit arrives, so no workflow starts.
 */
const remoteRef = (branch: string) => `refs/remotes/origin/${branch}`;

/** The commit the remote's `branch` is at, or undefined before the first push. */
export async function pushedTip(repo: Repo, branch: string): Promise<string | undefined> {
  return git.resolveRef({ ...args(repo), ref: remoteRef(branch) }).catch(() => undefined);
}

/** Whether the remote's `branch` already has `sha`: its tip, or an ancestor of its tip. */
export async function remoteHas(repo: Repo, branch: string, sha: string): Promise<boolean> {
  const tip = await pushedTip(repo, branch);
  if (!tip) return false;
  if (tip === sha) return true;
  return git.isDescendent({ ...args(repo), oid: tip, ancestor: sha, depth: -1 }).catch(() => false);
}

/** Records that the remote's `branch` is at `sha` now (after a push reached CI). */
export async function recordPush(repo: Repo, branch: string, sha: string): Promise<void> {
  await step(repo, `Recording the push of ${branch}`, () =>
    git.writeRef({ ...args(repo), ref: remoteRef(branch), value: sha, force: true }),
  );
}
