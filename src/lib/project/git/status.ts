import git from 'isomorphic-git';
import { isGitPath } from '../paths';
import { args, step, type Repo } from './repo';
import { readOperation } from './operation';

/** A file's state in words a student reads in the changes list. */
export type FileState = 'untracked' | 'new' | 'modified' | 'deleted' | 'ignored' | 'conflicted';

export interface FileStatus {
  path: string;
  state: FileState;
  /** Its change is in the next commit (all of it, unless `unstaged` too). */
  staged: boolean;
  /** It has changes not (yet) in the next commit. */
  unstaged: boolean;
  /** The label shown: "modified, staged", "new, not staged"… */
  label: string;
}

const IN_HEAD = 1;

/**
 * The working tree against HEAD and the index, skipping unchanged files. isomorphic-git's
 * statusMatrix gives [path, head, workdir, stage] as numbers; this names them.
 */
export async function status(
  repo: Repo,
  options: { ignored?: boolean } = {},
): Promise<FileStatus[]> {
  const matrix = await step(repo, 'Reading the status', () =>
    git.statusMatrix({ ...args(repo), ignored: options.ignored ?? false }),
  );
  const operation = await readOperation(repo);
  const conflicts = new Set(operation?.conflicts ?? []);
  const out: FileStatus[] = [];
  for (const [path, head, workdir, stage] of matrix) {
    if (head === 1 && workdir === 1 && stage === 1) continue;
    if (isGitPath(path)) continue; // listed when ignored files are asked for; never a change
    const row = describe(head, workdir, stage);
    if (conflicts.has(path) && workdir !== 0 && stage !== 2) {
      out.push({
        path,
        state: 'conflicted',
        staged: false,
        unstaged: true,
        label: 'conflicted: edit it, then stage it',
      });
      continue;
    }
    if (row.state === 'untracked' && options.ignored && (await isIgnored(repo, path)))
      out.push({
        path,
        state: 'ignored',
        staged: false,
        unstaged: false,
        label: 'ignored (.gitignore)',
      });
    else out.push({ path, ...row });
  }
  return out;
}

function describe(head: number, workdir: number, stage: number): Omit<FileStatus, 'path'> {
  const inHead = head === IN_HEAD;
  if (!inHead && stage === 0) return words('untracked', false, true);
  if (!inHead) return words('new', true, stage === 3 || workdir === 0);
  if (workdir === 0) return words('deleted', stage === 0, stage !== 0);
  if (stage === 0) return words('deleted', true, true);
  // stage 1: index = HEAD; 2: index = workdir; 3: index differs from both.
  return words('modified', stage !== 1, stage !== 2);
}

function words(state: FileState, staged: boolean, unstaged: boolean): Omit<FileStatus, 'path'> {
  const label =
    state === 'untracked'
      ? 'untracked (new, not staged)'
      : `${state}, ${staged && unstaged ? 'partly staged' : staged ? 'staged' : 'not staged'}`;
  return { state, staged, unstaged, label };
}

export function isIgnored(repo: Repo, path: string): Promise<boolean> {
  return step(repo, `Checking .gitignore for ${path}`, () =>
    git.isIgnored({ ...args(repo), filepath: path }),
  );
}

/** True when nothing differs from HEAD: checkout, merge and revert need this. */
export async function isClean(
  repo: Repo,
): Promise<{ clean: boolean; dirty: string[]; untracked: string[] }> {
  const files = await status(repo);
  const dirty = files.filter((f) => f.state !== 'untracked').map((f) => f.path);
  const untracked = files.filter((f) => f.state === 'untracked').map((f) => f.path);
  return { clean: dirty.length === 0, dirty, untracked };
}
