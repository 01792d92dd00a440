import './buffer-global';
import { expose, transfer } from 'comlink';
import type { GitAuthor } from '../lib/project/git/author';
import { AUTHOR_SETTING } from '../lib/project/git/author';
import { createGitService } from '../lib/project/git/service';
import { settle } from '../lib/project/git/settled';
import { ProjectFiles } from '../lib/project/files';
import { exportProjectZip, importProjectZip } from '../lib/project/project-zip';
// Store modules by file: the store's index also brings page-only code (navigator.storage.persist).
import { openStore } from '../lib/store/open';
import { dexieProjectPort } from '../lib/store/project-port';
import { readSetting, writeSetting } from '../lib/store/settings';
import { dexieCiRunPort } from '../lib/store/ci-port';
import { ciMergeGate } from '../lib/ci/gates';

// Git (isomorphic-git: hashing, zlib, tree walks) runs here, never on the page's thread.
const db = openStore();
const service = db.then((store) =>
  createGitService(dexieProjectPort(store), {
    readAuthor: () => readSetting<unknown>(store, AUTHOR_SETTING, undefined),
    writeAuthor: (author: GitAuthor) => writeSetting(store, AUTHOR_SETTING, author),
    requireConventional: async (projectId) =>
      (await readSetting<boolean>(store, `git.requireConventional.${projectId}`, false)) === true,
    // Branch protection: the CI runs stored by the CI worker in the same database decide.
    mergeGate: ciMergeGate(dexieCiRunPort(store)),
  }),
);

type Service = Awaited<typeof service>;
type Call<K extends keyof Service> = (...a: Parameters<Service[K]>) => ReturnType<Service[K]>;
const forward =
  <K extends keyof Service>(key: K): Call<K> =>
  (...a) =>
    service.then((s) => (s[key] as (...x: unknown[]) => unknown)(...a)) as ReturnType<Service[K]>;

const api = {
  init: forward('init'),
  overview: forward('overview'),
  stage: forward('stage'),
  unstage: forward('unstage'),
  commit: forward('commit'),
  log: forward('log'),
  createBranch: forward('createBranch'),
  deleteBranch: forward('deleteBranch'),
  checkout: forward('checkout'),
  merge: forward('merge'),
  abort: forward('abort'),
  revert: forward('revert'),
  tag: forward('tag'),
  diffFile: forward('diffFile'),
  diffCommits: forward('diffCommits'),
  author: forward('author'),
  setAuthor: forward('setAuthor'),
  /** The project's files (no .git) as a zip; unzipping and zipping stay off the page's thread. */
  async exportFiles(projectId: string) {
    const port = dexieProjectPort(await db);
    const result = await settle(() => exportProjectZip(new ProjectFiles(port), projectId));
    return result.ok ? transfer(result, [result.value.buffer]) : result;
  },
  /** A zip as a new project: what was imported and what was skipped, with reasons. */
  async importZip(bytes: Uint8Array, fileName: string) {
    const port = dexieProjectPort(await db);
    return settle(() => importProjectZip(new ProjectFiles(port), port, bytes, fileName));
  },
  /** The zip's bytes are moved to the page, not copied. */
  async exportZip(projectId: string) {
    const result = await (await service).exportZip(projectId);
    return result.ok ? transfer(result, [result.value.buffer]) : result;
  },
};

expose(api);
export type ProjectApi = typeof api;
