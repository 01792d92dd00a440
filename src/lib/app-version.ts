declare const __LABBOOK_VERSION__: string | undefined;

/**
 * The Labbook's version, package.json's `version`, put in by the build (`define` in vite.config.ts
 * and vitest.config.ts); `unknown` where neither ran (a script under tsx).
 */
export const APP_VERSION: string =
  typeof __LABBOOK_VERSION__ === 'string' ? __LABBOOK_VERSION__ : 'unknown';
