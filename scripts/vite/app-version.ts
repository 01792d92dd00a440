import { readFileSync } from 'node:fs';

/**
 * `define` for the Labbook's version (src/lib/app-version.ts): package.json's `version`, so a
 * workspace export says which Labbook wrote it. Shared by vite.config.ts and vitest.config.ts.
 */
export const appVersionDefine = () => ({
  __LABBOOK_VERSION__: JSON.stringify(
    (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version,
  ),
});
