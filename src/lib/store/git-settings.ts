import { AUTHOR_SETTING, type GitAuthor } from '../project/git/author';
import type { GitSettings } from '../project/git/service';
import type { LabbookDB } from './db';
import { readSetting, writeSetting } from './settings';

/**
 * Git's settings in the workspace: the author (Settings → Git author) and a project's
 * Conventional Commits rule. The project worker and the kernel read the same keys, so a commit
 * from a cell and one from the Git panel carry the same author.
 */
export function storeGitSettings(store: LabbookDB): GitSettings {
  return {
    readAuthor: () => readSetting<unknown>(store, AUTHOR_SETTING, undefined),
    writeAuthor: (author: GitAuthor) => writeSetting(store, AUTHOR_SETTING, author),
    requireConventional: async (projectId) =>
      (await readSetting<boolean>(store, `git.requireConventional.${projectId}`, false)) === true,
  };
}
