import { containerKindOf, lintContainerFile } from '../containers/lint-containers';
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

/** The compose file the Dockerfile's EXPOSE is checked against (docs/containers.md). */
export const COMPOSE_PATH = 'compose.yaml';

/**
 * Lints every JavaScript file of a project, and its Dockerfile and compose.yaml (docs/containers.md), with the project's `eslint.config.json` (if any).
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
  const compose = files.find((f) => f.path === COMPOSE_PATH)?.text ?? null;
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (containerKindOf(file.path)) {
      linted++;
      const diagnostics = lintContainerFile(file.path, file.text, compose);
      if (diagnostics.length) results.push({ path: file.path, diagnostics });
      continue;
    }
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
  return { files: results, summary: summarize(results, linted) };
}

/** Counts by severity over files' diagnostics. */
export function summarize(
  files: readonly FileLintResult[],
  linted: number,
): ProjectLintReport['summary'] {
  const all = files.flatMap((r) => r.diagnostics);
  return {
    linted,
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
    fixable: all.filter((d) => d.fix).length,
  };
}

/**
 * The report with one file's diagnostics replaced (the editor's answer while the student types),
 * files kept in path order, the file dropped when it has none left.
 */
export function withFile(
  report: ProjectLintReport,
  path: string,
  diagnostics: LintDiagnostic[],
): ProjectLintReport {
  const files = report.files.filter((f) => f.path !== path);
  if (diagnostics.length) files.push({ path, diagnostics });
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files, summary: summarize(files, report.summary.linted) };
}
