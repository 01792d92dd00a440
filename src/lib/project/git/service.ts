import type { ProjectStoragePort } from '../storage-port';
import { checkAuthor, type GitAuthor } from './author';
import { createBranch, deleteBranch, listBranches, resolveCommit } from './branches';
import { GitError } from './errors';
import { checkout } from './checkout';
import { commit } from './commit';
import { diffCommits, diffFile, type DiffSide } from './diff';
import { exportRepoZip } from './export-zip';
import { hasRepo, initRepo } from './init';
import { log } from './log';
import { layoutGraph } from './log-graph';
import { abortOperation, merge, type MergeOptions } from './merge';
import { describeOperation, readOperation } from './operation';
import { openRepo, type Repo } from './repo';
import { revert } from './revert';
import { settle } from './settled';
import { stage, stageAll, unstage, untrack } from './stage';
import { status } from './status';
import { createTag, deleteTag, latestVersion, listTags } from './tags';
import { filesAt, readAt } from './tree';

/** Where the author and the Conventional Commits rule are kept (the store's settings). */
export interface GitSettings {
  readAuthor(): Promise<unknown>;
  writeAuthor(author: GitAuthor): Promise<void>;
  /** A lesson or the project requires Conventional Commits. */
  requireConventional(projectId: string): Promise<boolean>;
  /**
   * Branch protection: asked before `from` (at commit `sha`) is merged into `into`; a refusal
   * (why, and the fix) stops the merge before anything is written. The CI module answers.
   */
  mergeGate?(
    projectId: string,
    merge: { into: string; from: string; sha: string },
  ): Promise<string | null>;
}

/**
 * Every Git operation the panel uses, over one storage: one Repo (and isomorphic-git cache) per
 * project, operations on a project one at a time (two at once would both write the index), and
 * every result settled as a value for the worker boundary.
 */
export function createGitService(storage: ProjectStoragePort, settings: GitSettings) {
  const repos = new Map<string, Repo>();
  const queues = new Map<string, Promise<unknown>>();
  const repoOf = (projectId: string) => {
    let repo = repos.get(projectId);
    if (!repo) repos.set(projectId, (repo = openRepo(storage, projectId)));
    return repo;
  };
  function run<T>(projectId: string, work: (repo: Repo) => Promise<T>) {
    const previous = queues.get(projectId) ?? Promise.resolve();
    const next = previous.then(() => settle(() => work(repoOf(projectId))));
    queues.set(projectId, next);
    return next;
  }
  const author = async () => checkAuthor(await settings.readAuthor());
  async function askMergeGate(projectId: string, repo: Repo, from: string) {
    if (!settings.mergeGate) return;
    const { current, all } = await listBranches(repo);
    if (!current || !all.includes(from)) return; // merge() itself explains these
    const sha = await resolveCommit(repo, from);
    const refusal = await settings.mergeGate(projectId, { into: current, from, sha });
    if (refusal) throw new GitError('protected', refusal, { ref: from, oid: sha });
  }

  return {
    init: (projectId: string) => run(projectId, initRepo),
    /** Everything the panel shows at once: branches, changes, the operation under way, tags. */
    overview: (projectId: string) =>
      run(projectId, async (repo) => {
        if (!(await hasRepo(repo))) return { hasRepo: false as const };
        const [branches, files, operation, tags] = await Promise.all([
          listBranches(repo),
          status(repo, { ignored: true }),
          readOperation(repo),
          listTags(repo),
        ]);
        return {
          hasRepo: true as const,
          branches,
          files,
          operation: operation && { ...operation, summary: describeOperation(operation) },
          tags,
          latestVersion: latestVersion(tags.map((t) => t.name)),
          requireConventional: await settings.requireConventional(projectId),
        };
      }),
    stage: (projectId: string, paths: string[]) =>
      run(projectId, async (repo) => {
        for (const path of paths) await stage(repo, path);
      }),
    stageAll: (projectId: string) => run(projectId, stageAll),
    unstage: (projectId: string, paths: string[]) =>
      run(projectId, async (repo) => {
        for (const path of paths) await unstage(repo, path);
      }),
    untrack: (projectId: string, paths: string[]) =>
      run(projectId, async (repo) => {
        for (const path of paths) await untrack(repo, path);
      }),
    commit: (projectId: string, message: string) =>
      run(projectId, async (repo) =>
        commit(repo, {
          message,
          author: await settings.readAuthor(),
          requireConventional: await settings.requireConventional(projectId),
        }),
      ),
    /** Every branch's history, or only what `ref` reaches (`git log <ref>`). */
    log: (projectId: string, limit = 1000, ref?: string) =>
      run(projectId, async (repo) => {
        const entries = await log(repo, { limit, ...(ref ? { ref } : {}) });
        return { entries, graph: layoutGraph(entries) };
      }),
    createBranch: (projectId: string, name: string, from?: string) =>
      run(projectId, (repo) => createBranch(repo, name, from)),
    deleteBranch: (projectId: string, name: string) =>
      run(projectId, (repo) => deleteBranch(repo, name)),
    checkout: (projectId: string, branch: string) =>
      run(projectId, (repo) => checkout(repo, branch)),
    merge: (projectId: string, branch: string, options: MergeOptions = {}) =>
      run(projectId, async (repo) => {
        await askMergeGate(projectId, repo, branch);
        return merge(repo, branch, await author(), undefined, options);
      }),
    abort: (projectId: string) => run(projectId, abortOperation),
    revert: (projectId: string, ref: string) =>
      run(projectId, async (repo) => revert(repo, ref, await author())),
    tag: (projectId: string, name: string, message: string, ref?: string) =>
      run(projectId, async (repo) =>
        createTag(repo, { name, message, author: await author(), ...(ref ? { ref } : {}) }),
      ),
    deleteTag: (projectId: string, name: string) => run(projectId, (repo) => deleteTag(repo, name)),
    /** The files a commit holds, and one file's text there: what checks read the history with. */
    filesAt: (projectId: string, ref: string) => run(projectId, (repo) => filesAt(repo, ref)),
    readAt: (projectId: string, ref: string, path: string) =>
      run(projectId, (repo) => readAt(repo, ref, path)),
    diffFile: (projectId: string, path: string, from: DiffSide, to: DiffSide) =>
      run(projectId, (repo) => diffFile(repo, path, from, to)),
    diffCommits: (projectId: string, from: string, to: string) =>
      run(projectId, (repo) => diffCommits(repo, from, to)),
    exportZip: (projectId: string) => run(projectId, () => exportRepoZip(storage, projectId)),
    author: () =>
      settle(async () => (await settings.readAuthor()) as Partial<GitAuthor> | undefined),
    setAuthor: (value: GitAuthor) => settle(async () => settings.writeAuthor(checkAuthor(value))),
  };
}

export type GitService = ReturnType<typeof createGitService>;
