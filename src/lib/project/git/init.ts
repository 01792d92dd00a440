import git from 'isomorphic-git';
import { args, step, type Repo } from './repo';

/** Creates `.git/` with `main` as the default branch; a project that has one is left alone. */
export async function initRepo(repo: Repo): Promise<{ created: boolean }> {
  if (await hasRepo(repo)) return { created: false };
  await step(repo, 'Creating the repository', () =>
    git.init({ ...args(repo), defaultBranch: 'main' }),
  );
  return { created: true };
}

export async function hasRepo(repo: Repo): Promise<boolean> {
  return Boolean(await repo.storage.getFile(repo.projectId, '.git/HEAD'));
}
