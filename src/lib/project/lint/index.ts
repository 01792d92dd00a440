export * from './types';
export { lintSource, MAX_LINT_CHARS } from './lint-source';
export { lintProject, lintKindOf, summarize, withFile, COMPOSE_PATH } from './lint-project';
export type { FileLintResult, ProjectLintFile, ProjectLintReport } from './lint-project';
export { parseLintConfig, LINT_CONFIG_PATH, EMPTY_CONFIG } from './config';
export { declaredByCells } from './cell-names';
export { CELL_GLOBALS, TEST_GLOBALS, globalsFor } from './globals';
export { LABBOOK_RULES, rulesFor, CORE_RULE_IDS } from './rules';
export { lintStoredProject, lintProjectFile } from './stored-project';
