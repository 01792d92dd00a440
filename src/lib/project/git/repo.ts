import type { ProjectStoragePort } from '../storage-port';
import { createGitFs, type GitFs } from './fs';
import { toGitError } from './errors';

/** What every isomorphic-git call needs: the fs over project rows, the root, a parse cache. */
export interface Repo {
  fs: GitFs;
  dir: '/';
  /** isomorphic-git's cache of parsed packfiles and objects; lives as long as the Repo. */
  cache: object;
  storage: ProjectStoragePort;
  projectId: string;
}

export function openRepo(storage: ProjectStoragePort, projectId: string): Repo {
  return { fs: createGitFs(storage, projectId), dir: '/', cache: {}, storage, projectId };
}

/** The arguments isomorphic-git takes from a Repo. */
export function args(repo: Repo) {
  return { fs: repo.fs, dir: repo.dir, cache: repo.cache };
}

/**
 * Runs one isomorphic-git step, turning its errors into GitErrors that say what was being done
 * and, when an object would not inflate, which one.
 */
export async function step<T>(repo: Repo, doing: string, work: () => Promise<T>): Promise<T> {
  repo.fs.damaged.clear();
  try {
    return await work();
  } catch (error) {
    throw toGitError(error, doing, [...repo.fs.damaged]);
  }
}

const decoder = new TextDecoder();

/** A file of `.git/` as text, or undefined (MERGE_HEAD, MERGE_MSG…). */
export async function readGitFile(repo: Repo, name: string): Promise<string | undefined> {
  const row = await repo.storage.getFile(repo.projectId, `.git/${name}`);
  return row?.bytes ? decoder.decode(row.bytes) : undefined;
}

export async function writeGitFile(repo: Repo, name: string, text: string): Promise<void> {
  await repo.fs.promises.writeFile(`/.git/${name}`, text);
}

export async function removeGitFile(repo: Repo, name: string): Promise<void> {
  if (await repo.storage.getFile(repo.projectId, `.git/${name}`))
    await repo.storage.writeFiles(repo.projectId, { remove: [`.git/${name}`] });
}
