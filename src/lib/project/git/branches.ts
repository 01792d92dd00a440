import git from 'isomorphic-git';
import { GitError } from './errors';
import { checkRefName } from './ref-name';
import { args, step, type Repo } from './repo';

export interface Branches {
  current: string | undefined;
  all: string[];
}

export async function listBranches(repo: Repo): Promise<Branches> {
  const [current, all] = await step(repo, 'Listing branches', () =>
    Promise.all([git.currentBranch({ ...args(repo) }), git.listBranches(args(repo))]),
  );
  return { current: current ?? undefined, all: all.sort() };
}

/** A new branch at HEAD (or `from`); the current branch does not change. */
export async function createBranch(repo: Repo, name: string, from?: string): Promise<void> {
  checkRefName(name, 'branch');
  const { all } = await listBranches(repo);
  if (all.includes(name))
    throw new GitError(
      'exists',
      `A branch named "${name}" already exists. Pick another name, or switch to it.`,
      { ref: name },
    );
  const object = from ? await resolveCommit(repo, from) : undefined;
  await step(repo, `Creating branch ${name}`, () =>
    git.branch({ ...args(repo), ref: name, ...(object ? { object } : {}) }),
  );
}

export async function deleteBranch(repo: Repo, name: string): Promise<void> {
  const { current, all } = await listBranches(repo);
  if (!all.includes(name)) throw missingBranch(name, all);
  if (name === current)
    throw new GitError(
      'current-branch',
      `"${name}" is the branch you are on, so it cannot be deleted. Switch to another branch first.`,
      { ref: name },
    );
  await step(repo, `Deleting branch ${name}`, () => git.deleteBranch({ ...args(repo), ref: name }));
}

export function missingBranch(name: string, all: string[]): GitError {
  return new GitError(
    'not-found',
    `There is no branch "${String(name).slice(0, 80)}". The branches are: ${all.join(', ') || '(none yet: commit first)'}.`,
    { ref: name },
  );
}

/** A branch, tag or commit id → commit oid, with a clear error when there is none. */
export async function resolveCommit(repo: Repo, ref: string): Promise<string> {
  if (typeof ref !== 'string')
    throw new GitError(
      'not-found',
      `${typeof ref === 'object' ? JSON.stringify(ref)?.slice(0, 80) : String(ref)} is not a branch, tag or commit: name one as text, such as "main" or "v1.0.0".`,
    );
  try {
    const oid = /^[0-9a-f]{4,40}$/.test(ref)
      ? await git
          .expandOid({ ...args(repo), oid: ref })
          .catch(() => git.resolveRef({ ...args(repo), ref }))
      : await git.resolveRef({ ...args(repo), ref });
    const object = await git.readObject({ ...args(repo), oid });
    return object.type === 'tag' ? (await git.readTag({ ...args(repo), oid })).tag.object : oid;
  } catch (error) {
    if ((error as { code?: string }).code === 'NotFoundError')
      throw new GitError(
        'not-found',
        `"${String(ref).slice(0, 80)}" is not a branch, tag or commit of this project.`,
        { ref },
      );
    throw error;
  }
}
