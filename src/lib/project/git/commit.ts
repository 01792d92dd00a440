import git from 'isomorphic-git';
import { checkAuthor, type GitAuthor } from './author';
import { checkConventionalCommit } from './conventional-commit';
import { GitError } from './errors';
import { clearOperation, readOperation } from './operation';
import { args, step, type Repo } from './repo';
import { status } from './status';

export interface CommitRequest {
  message: string;
  /** From settings (`git.author`); checked here. */
  author: unknown;
  /** A lesson or project requires Conventional Commits: warnings become a refusal. */
  requireConventional?: boolean;
  /** Seconds since the epoch (tests pin it); now when absent. */
  timestamp?: number;
}

export interface CommitResult {
  oid: string;
  warnings: string[];
}

const MAX_MESSAGE = 64 * 1024;

/**
 * Records the staged changes. During a merge or revert, refuses while a conflicted file still
 * holds markers, then commits with both parents (merge) and ends the operation.
 */
export async function commit(repo: Repo, request: CommitRequest): Promise<CommitResult> {
  const author: GitAuthor = checkAuthor(request.author);
  const message = request.message.replace(/\r\n/g, '\n').trim();
  if (!message)
    throw new GitError(
      'empty-message',
      'The commit message is empty. Say what the change does, such as "fix: drop duplicate rows".',
    );
  if (message.length > MAX_MESSAGE)
    throw new GitError(
      'empty-message',
      `The commit message is ${message.length.toLocaleString('en')} characters; the limit is ${MAX_MESSAGE.toLocaleString('en')}. Keep the message short and put long notes in a file.`,
    );
  const { warnings } = checkConventionalCommit(message);
  if (request.requireConventional && warnings.length)
    throw new GitError(
      'message-rules',
      `This project requires Conventional Commits. ${warnings.join(' ')}`,
    );
  const operation = await readOperation(repo);
  if (operation) await refuseMarkers(repo, operation.conflicts);
  else await refuseNothingStaged(repo);
  const when = { timestamp: request.timestamp ?? Math.floor(Date.now() / 1000), timezoneOffset: 0 };
  const head = await step(repo, 'Reading HEAD', () =>
    git.resolveRef({ ...args(repo), ref: 'HEAD' }).catch(() => undefined),
  );
  const parent = operation?.kind === 'merge' && head ? [head, operation.theirs] : undefined;
  const oid = await step(repo, 'Committing', () =>
    git.commit({
      ...args(repo),
      message,
      author: { ...author, ...when },
      ...(parent ? { parent } : {}),
    }),
  );
  if (operation) await clearOperation(repo);
  return { oid, warnings };
}

async function refuseNothingStaged(repo: Repo): Promise<void> {
  if (await hasStagedChanges(repo)) return;
  throw new GitError(
    'nothing-to-commit',
    'Nothing is staged, so there is nothing to commit. Stage a changed file first (the + next to it).',
  );
}

/**
 * The index against HEAD's tree, by object ids only: no working file is read, so a commit on a
 * 200-file project does not pay for a full status.
 */
async function hasStagedChanges(repo: Repo): Promise<boolean> {
  const head = await git.resolveRef({ ...args(repo), ref: 'HEAD' }).catch(() => undefined);
  const trees = head ? [git.TREE({ ref: head }), git.STAGE()] : [git.STAGE()];
  const found = await step(repo, 'Comparing the index with HEAD', () =>
    git.walk({
      ...args(repo),
      trees,
      map: async (path, [a, b]) => {
        if (path === '.') return undefined;
        if (!head) return true;
        const [ta, tb] = [await a?.type(), await b?.type()];
        if (ta === 'tree' && tb === 'tree') return undefined;
        return (await a?.oid()) !== (await b?.oid()) || ta !== tb ? true : undefined;
      },
    }),
  );
  return (found as unknown[]).some(Boolean);
}

async function refuseMarkers(repo: Repo, paths: string[]): Promise<void> {
  const decoder = new TextDecoder();
  for (const path of paths) {
    const row = await repo.storage.getFile(repo.projectId, path);
    if (!row?.bytes) continue;
    const lines = decoder.decode(row.bytes).split('\n');
    const at = lines.findIndex((l) => /^(<{7}|={7}|>{7})( |$)/.test(l));
    if (at >= 0)
      throw new GitError(
        'conflict',
        `${path}:${at + 1} still has a conflict marker ("${lines[at]!.slice(0, 20)}"). Keep the lines you want, delete the markers, stage the file, then commit.`,
        { paths: [path] },
      );
  }
  const unstaged = (await status(repo)).filter((f) => f.state === 'conflicted').map((f) => f.path);
  if (unstaged.length)
    throw new GitError(
      'conflict',
      `Stage the resolved file${unstaged.length > 1 ? 's' : ''} ${unstaged.join(', ')} before committing the merge.`,
      { paths: unstaged },
    );
}
