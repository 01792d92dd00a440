import { readGitFile, removeGitFile, writeGitFile, type Repo } from './repo';

/**
 * A merge or revert stopped on conflicts. Git's own MERGE_HEAD and MERGE_MSG are written too
 * (so the exported repository reads as "merging" in the git CLI); this record adds what the
 * panel shows: which branch into which, and the conflicted files.
 */
export interface Operation {
  kind: 'merge' | 'revert';
  /** The commit being merged (merge) or reverted (revert). */
  theirs: string;
  theirsName: string;
  ours: string;
  oursName: string;
  conflicts: string[];
  message: string;
  /** The commit whose files the operation brings in (abort removes those HEAD lacks). */
  incoming: string;
}

const FILE = 'LABBOOK_OPERATION';

export async function readOperation(repo: Repo): Promise<Operation | undefined> {
  const text = await readGitFile(repo, FILE);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Operation;
  } catch {
    return undefined;
  }
}

export async function writeOperation(repo: Repo, operation: Operation): Promise<void> {
  await writeGitFile(repo, 'MERGE_MSG', operation.message + '\n');
  if (operation.kind === 'merge') await writeGitFile(repo, 'MERGE_HEAD', operation.theirs + '\n');
  await writeGitFile(repo, FILE, JSON.stringify(operation));
}

export async function clearOperation(repo: Repo): Promise<void> {
  for (const name of [FILE, 'MERGE_HEAD', 'MERGE_MSG']) await removeGitFile(repo, name);
}

/** "merging feature into main: 2 conflicts" */
export function describeOperation(op: Operation): string {
  const n = op.conflicts.length;
  const what =
    op.kind === 'merge'
      ? `merging ${op.theirsName} into ${op.oursName}`
      : `reverting ${op.theirsName}`;
  return `${what}: ${n} conflict${n === 1 ? '' : 's'}`;
}
