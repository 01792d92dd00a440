import git from 'isomorphic-git';
import { resolveCommit } from './branches';
import { GitError } from './errors';
import { args, step, type Repo } from './repo';

/** The paths of the files a commit holds (what `git ls-tree -r --name-only <ref>` lists). */
export async function filesAt(repo: Repo, ref: string): Promise<string[]> {
  const oid = await resolveCommit(repo, ref);
  return step(repo, `Listing the files of ${ref}`, () =>
    git.listFiles({ ...args(repo), ref: oid }),
  );
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A file's text as a commit holds it (`git show <ref>:<path>`), or null when the commit has no
 * such file. A binary file is refused by name rather than shown as mojibake.
 */
export async function readAt(repo: Repo, ref: string, path: string): Promise<string | null> {
  const oid = await resolveCommit(repo, ref);
  const blob = await git
    .readBlob({ ...args(repo), oid, filepath: path })
    .catch((error: { code?: string }) => {
      if (error.code === 'NotFoundError') return null;
      throw error;
    });
  if (!blob) return null;
  try {
    return decoder.decode(blob.blob);
  } catch {
    throw new GitError(
      'unsupported',
      `${path} in ${ref} is not UTF-8 text, so it cannot be read as text.`,
      { paths: [path], ref },
    );
  }
}
