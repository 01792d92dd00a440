/** Which project files are tests: `*.test.js` and `*.spec.js` (and `.mjs`), as Jest and Vitest find them. */
const TEST_FILE = /\.(test|spec)\.m?js$/;

/** Modules coverage is measured on: the project's JavaScript that is not a test. */
const MODULE_FILE = /\.m?js$/;

export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

export function isCoveredModule(path: string): boolean {
  return MODULE_FILE.test(path) && !TEST_FILE.test(path);
}
