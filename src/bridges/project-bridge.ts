import { transfer, type Remote } from 'comlink';
import { WorkerConnection } from './worker-connection';
import type { ProjectApi } from '../workers/project.worker';
import type { GitAuthor } from '../lib/project/git/author';
import type { DiffSide } from '../lib/project/git/diff';
import type { MergeOptions } from '../lib/project/git/merge';
import { unwrap, type Settled } from '../lib/project/git/settled';

const defaultWorker = () =>
  new Worker(new URL('../workers/project.worker.ts', import.meta.url), { type: 'module' });

/**
 * The only owner of the project worker, where Git runs. Results come back as values
 * (settled.ts) and are turned into GitErrors here, code included; idle for a minute, the
 * worker is shut down (every operation is stored before it answers, so nothing is lost).
 */
export class ProjectBridge {
  readonly #worker: WorkerConnection<ProjectApi>;

  constructor(createWorker: () => Worker = defaultWorker) {
    this.#worker = new WorkerConnection<ProjectApi>({
      create: createWorker,
      init: () => undefined,
      crashMessage: (detail) =>
        `The project worker stopped (${detail}). Every Git step it acknowledged is stored; try again.`,
      idleMs: 60_000,
    });
  }

  async #call<T>(task: (api: Remote<ProjectApi>) => Promise<Settled<T>>): Promise<T> {
    return unwrap(await this.#worker.call(task));
  }

  init = (projectId: string) => this.#call((api) => api.init(projectId));
  overview = (projectId: string) => this.#call((api) => api.overview(projectId));
  stage = (projectId: string, paths: string[]) => this.#call((api) => api.stage(projectId, paths));
  unstage = (projectId: string, paths: string[]) =>
    this.#call((api) => api.unstage(projectId, paths));
  commit = (projectId: string, message: string) =>
    this.#call((api) => api.commit(projectId, message));
  log = (projectId: string, limit?: number) => this.#call((api) => api.log(projectId, limit));
  createBranch = (projectId: string, name: string, from?: string) =>
    this.#call((api) => api.createBranch(projectId, name, from));
  deleteBranch = (projectId: string, name: string) =>
    this.#call((api) => api.deleteBranch(projectId, name));
  checkout = (projectId: string, branch: string) =>
    this.#call((api) => api.checkout(projectId, branch));
  merge = (projectId: string, branch: string, options?: MergeOptions) =>
    this.#call((api) => api.merge(projectId, branch, options));
  abort = (projectId: string) => this.#call((api) => api.abort(projectId));
  revert = (projectId: string, ref: string) => this.#call((api) => api.revert(projectId, ref));
  tag = (projectId: string, name: string, message: string, ref?: string) =>
    this.#call((api) => api.tag(projectId, name, message, ref));
  diffFile = (projectId: string, path: string, from: DiffSide, to: DiffSide) =>
    this.#call((api) => api.diffFile(projectId, path, from, to));
  diffCommits = (projectId: string, from: string, to: string) =>
    this.#call((api) => api.diffCommits(projectId, from, to));
  exportZip = (projectId: string) => this.#call((api) => api.exportZip(projectId));
  exportFiles = (projectId: string) => this.#call((api) => api.exportFiles(projectId));
  importZip = (bytes: Uint8Array, fileName: string) =>
    this.#call((api) => api.importZip(transfer(bytes, [bytes.buffer]), fileName));
  author = () => this.#call((api) => api.author());
  setAuthor = (author: GitAuthor) => this.#call((api) => api.setAuthor(author));

  dispose(): void {
    this.#worker.stop(new Error('The project worker was closed.'));
  }
}

export type ProjectGit = Pick<ProjectBridge, Exclude<keyof ProjectBridge, 'dispose'>>;
