import git from 'isomorphic-git';
import { checkAuthor } from './author';
import { resolveCommit } from './branches';
import { GitError, toGitError } from './errors';
import { describeOperation, readOperation, writeOperation } from './operation';
import { args, step, type Repo } from './repo';
import { isClean } from './status';
import { stageCleanResults } from './merge';

export type RevertResult =
  { kind: 'reverted'; oid: string } | { kind: 'conflicts'; conflicts: string[]; summary: string };

/**
 * A new commit that undoes `ref`. Reverting C (parent P) onto HEAD is cherry-picking "C → P":
 * an unreferenced commit with P's tree and parent C gives isomorphic-git that three-way merge
 * (base C, ours HEAD, theirs P). Conflicts stop like a merge's.
 */
export async function revert(
  repo: Repo,
  ref: string,
  author: unknown,
  timestamp?: number,
): Promise<RevertResult> {
  const who = checkAuthor(author);
  const pending = await readOperation(repo);
  if (pending)
    throw new GitError(
      'merging',
      `You are ${describeOperation(pending)}. Finish or abort it first.`,
    );
  const { dirty, untracked } = await isClean(repo);
  if (dirty.length)
    throw new GitError(
      'dirty',
      `Commit or undo your changes to ${dirty.join(', ')} before reverting. Nothing was changed.`,
      { paths: dirty },
    );
  const target = await resolveCommit(repo, ref);
  const { commit } = await step(repo, `Reading commit ${target.slice(0, 7)}`, () =>
    git.readCommit({ ...args(repo), oid: target }),
  );
  if (commit.parent.length > 1)
    throw new GitError(
      'unsupported',
      `${target.slice(0, 7)} is a merge commit; reverting it needs a choice of side the Labbook does not offer. Revert the commits of the branch one by one instead.`,
    );
  const parentTree = commit.parent[0]
    ? (await git.readCommit({ ...args(repo), oid: commit.parent[0] })).commit.tree
    : await git.writeTree({ ...args(repo), tree: [] });
  const subject = commit.message.split('\n')[0] ?? '';
  const message = `Revert "${subject}"\n\nThis reverts commit ${target}.`;
  const when = { timestamp: timestamp ?? Math.floor(Date.now() / 1000), timezoneOffset: 0 };
  const inverse = await git.writeCommit({
    ...args(repo),
    commit: {
      tree: parentTree,
      parent: [target],
      author: { ...who, ...when },
      committer: { ...who, ...when },
      message,
    },
  });
  try {
    const oid = await git.cherryPick({
      ...args(repo),
      oid: inverse,
      committer: { ...who, ...when },
      abortOnConflict: false,
    });
    return { kind: 'reverted', oid };
  } catch (error) {
    const e = error as { code?: string; data?: { filepaths?: string[] } };
    if (e.code !== 'MergeConflictError') throw toGitError(error, `Reverting ${target.slice(0, 7)}`);
    const conflicts = [...new Set(e.data?.filepaths ?? [])].sort();
    await stageCleanResults(repo, conflicts, untracked);
    const head = await resolveCommit(repo, 'HEAD');
    const operation = {
      kind: 'revert' as const,
      theirs: target,
      theirsName: `"${subject}"`,
      ours: head,
      oursName: 'HEAD',
      conflicts,
      message,
      incoming: inverse,
    };
    await writeOperation(repo, operation);
    return { kind: 'conflicts', conflicts, summary: describeOperation(operation) };
  }
}
