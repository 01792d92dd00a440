import { EMPTY_CONFIG, LINT_CONFIG_PATH, parseLintConfig } from './config';
import { lintSource } from './lint-source';
import type { LintDiagnostic, LintKind } from './types';

/** Which project files are linted, and as what: `*.test.js` files as tests, other JS as modules. */
export function lintKindOf(path: string): Exclude<LintKind, 'cell'> | null {
  if (path.startsWith('.git/') || path.includes('node_modules/')) return null;
  if (/\.(test|spec)\.m?js$/.test(path)) return 'test';
  if (/\.m?js$/.test(path)) return 'module';
  return null;
}

export interface ProjectLintFile {
  path: string;
  text: string;
}

export interface FileLintResult {
  path: string;
  diagnostics: LintDiagnostic[];
}

export interface ProjectLintReport {
  /** Files with at least one diagnostic, in path order; the config file first if it has problems. */
  files: FileLintResult[];
  summary: { linted: number; errors: number; warnings: number; fixable: number };
}

/**
 * Lints every JavaScript file of a project with the project's `eslint.config.json` (if any).
 * Pure, so the lint worker, the Problems panel and a CI step (`labbook lint`) give the same answer.
 * `strict` ignores disable comments: what a check that requires clean lint uses.
 */
export function lintProject(
  files: readonly ProjectLintFile[],
  options: { strict?: boolean } = {},
): ProjectLintReport {
  const configFile = files.find((f) => f.path === LINT_CONFIG_PATH);
  const { config, problems } = configFile
    ? parseLintConfig(configFile.text)
    : { config: EMPTY_CONFIG, problems: [] };
  const results: FileLintResult[] = problems.length
    ? [{ path: LINT_CONFIG_PATH, diagnostics: problems }]
    : [];
  let linted = 0;
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const kind = lintKindOf(file.path);
    if (!kind) continue;
    linted++;
    const diagnostics = lintSource(file.text, {
      path: file.path,
      kind,
      config,
      ...(options.strict ? { strict: true } : {}),
    });
    if (diagnostics.length) results.push({ path: file.path, diagnostics });
  }
  const all = results.flatMap((r) => r.diagnostics);
  return {
    files: results,
    summary: {
      linted,
      errors: all.filter((d) => d.severity === 'error').length,
      warnings: all.filter((d) => d.severity === 'warning').length,
      fixable: all.filter((d) => d.fix).length,
    },
  };
}
