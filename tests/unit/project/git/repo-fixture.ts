import { MemoryProjectStorage } from '../../../../src/lib/project/memory-storage';
import { initRepo } from '../../../../src/lib/project/git/init';
import { openRepo, type Repo } from '../../../../src/lib/project/git/repo';
import { stage } from '../../../../src/lib/project/git/stage';
import { commit } from '../../../../src/lib/project/git/commit';
import type { ProjectStoragePort } from '../../../../src/lib/project/storage-port';

export const AUTHOR = { name: 'Ada Lovelace', email: 'ada@example.org' };

let clock = 1_700_000_000;
/** Commit times one minute apart, so the log's order is the order of the test. */
export const tick = () => (clock += 60);

export async function newRepo(
  storage: ProjectStoragePort = new MemoryProjectStorage(),
): Promise<Repo> {
  const repo = openRepo(storage, 'p1');
  await initRepo(repo);
  return repo;
}

export async function write(repo: Repo, path: string, text: string): Promise<void> {
  await repo.fs.promises.writeFile(`/${path}`, text);
}

export async function read(repo: Repo, path: string): Promise<string | undefined> {
  const row = await repo.storage.getFile(repo.projectId, path);
  return row?.bytes && new TextDecoder().decode(row.bytes);
}

/** Writes the files, stages them and commits; returns the commit id. */
export async function commitFiles(
  repo: Repo,
  files: Record<string, string>,
  message: string,
): Promise<string> {
  for (const [path, text] of Object.entries(files)) {
    await write(repo, path, text);
    await stage(repo, path);
  }
  return (await commit(repo, { message, author: AUTHOR, timestamp: tick() })).oid;
}
