import git from 'isomorphic-git';
import { checkAuthor } from './author';
import { listBranches, missingBranch, resolveCommit } from './branches';
import { GitError, toGitError } from './errors';
import { clearOperation, describeOperation, readOperation, writeOperation } from './operation';
import { args, step, type Repo } from './repo';
import { isClean, status } from './status';

export type MergeResult =
  | { kind: 'up-to-date' }
  | { kind: 'fast-forward'; oid: string }
  | { kind: 'merged'; oid: string }
  | { kind: 'conflicts'; conflicts: string[]; summary: string };

/** `noFastForward` is `git merge --no-ff`: a merge commit even when main has not moved, as a GitHub
 * pull request's default Merge button makes, so the history shows where the branch joined. */
export interface MergeOptions {
  noFastForward?: boolean;
}

/**
 * Merges branch `theirs` into the current branch: fast-forward when possible (unless refused by
 * `noFastForward`), else a three-way merge commit. On conflicts both sides are written into the
 * files between markers, nothing is committed, and the merge waits for the student (resolve, stage,
 * commit — or abort).
 */
export async function merge(
  repo: Repo,
  theirs: string,
  author: unknown,
  timestamp?: number,
  options: MergeOptions = {},
): Promise<MergeResult> {
  const who = checkAuthor(author);
  const { current, all } = await listBranches(repo);
  if (!current)
    throw new GitError(
      'unsupported',
      'HEAD is not on a branch. Switch to a branch before merging.',
    );
  if (!all.includes(theirs)) throw missingBranch(theirs, all);
  if (theirs === current)
    throw new GitError(
      'unsupported',
      `"${theirs}" is the branch you are on; pick another branch to merge into it.`,
    );
  const pending = await readOperation(repo);
  if (pending)
    throw new GitError(
      'merging',
      `You are already ${describeOperation(pending)}. Finish or abort it first.`,
    );
  const { dirty, untracked } = await isClean(repo);
  if (dirty.length)
    throw new GitError(
      'dirty',
      `Commit or undo your changes to ${dirty.join(', ')} before merging; a merge could overwrite them. Nothing was changed.`,
      { paths: dirty },
    );
  const ours = await resolveCommit(repo, current);
  const theirsOid = await resolveCommit(repo, theirs);
  const bases = await step(repo, 'Finding the common ancestor', () =>
    git.findMergeBase({ ...args(repo), oids: [ours, theirsOid] }),
  );
  if (bases.length === 0)
    throw new GitError(
      'unrelated',
      `${theirs} and ${current} share no commit (unrelated histories), so Git cannot tell what changed on each side. Nothing was changed.`,
      { ref: theirs },
    );
  if (bases.includes(theirsOid)) return { kind: 'up-to-date' };
  await refuseUntrackedInTheWay(repo, untracked, theirsOid, theirs);
  const message = `Merge branch '${theirs}' into ${current}`;
  const when = { timestamp: timestamp ?? Math.floor(Date.now() / 1000), timezoneOffset: 0 };
  try {
    const result = await git.merge({
      ...args(repo),
      ours: current,
      theirs,
      author: { ...who, ...when },
      message,
      abortOnConflict: false,
      fastForward: options.noFastForward !== true,
    });
    await step(repo, `Updating the files of ${current}`, () =>
      git.checkout({ ...args(repo), ref: current, force: true }),
    );
    return result.fastForward
      ? { kind: 'fast-forward', oid: result.oid! }
      : { kind: 'merged', oid: result.oid! };
  } catch (error) {
    const e = error as { code?: string; data?: { filepaths?: string[] } };
    if (e.code !== 'MergeConflictError') throw toGitError(error, 'Merging');
    const conflicts = [...new Set(e.data?.filepaths ?? [])].sort();
    await stageCleanResults(repo, conflicts, untracked);
    const operation = {
      kind: 'merge' as const,
      theirs: theirsOid,
      theirsName: theirs,
      ours,
      oursName: current,
      conflicts,
      message,
      incoming: theirsOid,
    };
    await writeOperation(repo, operation);
    return { kind: 'conflicts', conflicts, summary: describeOperation(operation) };
  }
}

/** Puts back HEAD's files (the state before the merge); the other branch is untouched. */
export async function abortOperation(repo: Repo): Promise<void> {
  const operation = await readOperation(repo);
  if (!operation)
    throw new GitError(
      'not-merging',
      'No merge or revert is in progress, so there is nothing to abort.',
    );
  await step(repo, 'Aborting', () => git.abortMerge({ ...args(repo) }));
  // Files the other side added cleanly are not in HEAD: abortMerge leaves them, Git removes them.
  const head = await resolveCommit(repo, 'HEAD');
  for (const path of await repo.storage.listPaths(repo.projectId)) {
    if (path.startsWith('.git')) continue;
    const row = await repo.storage.getFile(repo.projectId, path);
    if (row?.kind !== 'file') continue;
    const inHead = await git.readBlob({ ...args(repo), oid: head, filepath: path }).then(
      () => true,
      () => false,
    );
    const inTheirs = await git
      .readBlob({ ...args(repo), oid: operation.incoming, filepath: path })
      .then(
        () => true,
        () => false,
      );
    if (!inHead && inTheirs) {
      await git.remove({ ...args(repo), filepath: path });
      await repo.fs.promises.unlink(`/${path}`);
    }
  }
  await clearOperation(repo);
}

/**
 * After a stopped merge, the files it merged cleanly are in the working tree but (with
 * isomorphic-git) not staged: stage them, as Git does, or the merge commit would drop them.
 * Files untracked before the merge are the student's and stay out.
 */
export async function stageCleanResults(
  repo: Repo,
  conflicts: string[],
  untracked: string[],
): Promise<void> {
  const skip = new Set([...conflicts, ...untracked]);
  for (const file of await status(repo)) {
    if (skip.has(file.path) || !file.unstaged) continue;
    if (file.state === 'deleted') await git.remove({ ...args(repo), filepath: file.path });
    else await git.add({ ...args(repo), filepath: file.path });
  }
}

/** A file the student never committed, which the incoming commit would write over. */
async function refuseUntrackedInTheWay(
  repo: Repo,
  untracked: string[],
  incoming: string,
  name: string,
): Promise<void> {
  const inTheWay: string[] = [];
  for (const path of untracked) {
    const found = await git.readBlob({ ...args(repo), oid: incoming, filepath: path }).then(
      () => true,
      () => false,
    );
    if (found) inTheWay.push(path);
  }
  if (inTheWay.length)
    throw new GitError(
      'dirty',
      `${name} has ${inTheWay.join(', ')}, which you also have but never committed; merging would overwrite yours. Commit, rename or delete it first. Nothing was changed.`,
      { paths: inTheWay },
    );
}
