import { AUTHOR_SETTING, type GitAuthor } from '../project/git/author';
import type { GitSettings } from '../project/git/service';
import type { LabbookDB } from './db';
import { readSetting, writeSetting } from './settings';
import { dexieCiRunPort } from './ci-port';
import { ciMergeGate } from '../ci/gates';

/**
 * Git's settings in the workspace: the author (Settings → Git author) and a project's
 * Conventional Commits rule, and branch protection (the CI runs stored in the same database
 * decide). The project worker and the kernel read the same keys, so a commit or merge from a
 * cell meets the same author and the same protection as one from the Git panel.
 */
export function storeGitSettings(store: LabbookDB): GitSettings {
  return {
    readAuthor: () => readSetting<unknown>(store, AUTHOR_SETTING, undefined),
    writeAuthor: (author: GitAuthor) => writeSetting(store, AUTHOR_SETTING, author),
    requireConventional: async (projectId) =>
      (await readSetting<boolean>(store, `git.requireConventional.${projectId}`, false)) === true,
    mergeGate: ciMergeGate(dexieCiRunPort(store)),
  };
}
