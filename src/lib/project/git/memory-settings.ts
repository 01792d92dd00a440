import type { GitAuthor } from './author';
import type { GitSettings } from './service';

/** Git settings held in memory: Node tests and the headless lesson runner have no store. */
export function memoryGitSettings(): GitSettings {
  let author: GitAuthor | undefined;
  return {
    readAuthor: async () => author,
    writeAuthor: async (value) => void (author = { ...value }),
    requireConventional: async () => false,
  };
}
