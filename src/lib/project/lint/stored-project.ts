import type { ProjectStoragePort } from '../storage-port';
import { EMPTY_CONFIG, LINT_CONFIG_PATH, parseLintConfig } from './config';
import { wholeFileDiagnostic } from './file-diagnostics';
import {
  lintKindOf,
  lintProject,
  summarize,
  type ProjectLintFile,
  type ProjectLintReport,
} from './lint-project';
import { lintSource } from './lint-source';
import type { LintDiagnostic } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The project's lintable files as text. A file that is not UTF-8 text comes back as a diagnostic
 * (it cannot be JavaScript the kernel would run), never as a crash.
 */
async function readLintable(
  port: ProjectStoragePort,
  projectId: string,
): Promise<{ files: ProjectLintFile[]; unreadable: LintDiagnostic[] }> {
  const paths = (await port.listPaths(projectId)).filter(
    (path) => path === LINT_CONFIG_PATH || lintKindOf(path) !== null,
  );
  const files: ProjectLintFile[] = [];
  const unreadable: LintDiagnostic[] = [];
  for (const path of paths) {
    const row = await port.getFile(projectId, path);
    if (row?.kind !== 'file' || !row.bytes) continue;
    try {
      files.push({ path, text: utf8.decode(row.bytes) });
    } catch {
      unreadable.push(
        wholeFileDiagnostic(
          path,
          'error',
          'Not linted: the file is not UTF-8 text. Save it again as UTF-8.',
        ),
      );
    }
  }
  return { files, unreadable };
}

/** Lints a stored project as it is saved (what the Problems panel shows). */
export async function lintStoredProject(
  port: ProjectStoragePort,
  projectId: string,
  options: { strict?: boolean } = {},
): Promise<ProjectLintReport> {
  const { files, unreadable } = await readLintable(port, projectId);
  const report = lintProject(files, options);
  if (!unreadable.length) return report;
  const all = [...report.files, ...unreadable.map((d) => ({ path: d.path, diagnostics: [d] }))];
  all.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files: all, summary: summarize(all, report.summary.linted) };
}

/**
 * Lints one project file as the editor holds it (unsaved edits included) with the project's saved
 * config. The config file itself gets its own problems, so a typo in it shows in its gutter.
 */
export async function lintProjectFile(
  port: ProjectStoragePort,
  projectId: string,
  path: string,
  text: string,
): Promise<LintDiagnostic[]> {
  if (path === LINT_CONFIG_PATH) return parseLintConfig(text).problems;
  const kind = lintKindOf(path);
  if (!kind) return [];
  const row = await port.getFile(projectId, LINT_CONFIG_PATH);
  let config = EMPTY_CONFIG;
  if (row?.bytes) {
    try {
      config = parseLintConfig(utf8.decode(row.bytes)).config;
    } catch {
      // A config that is not UTF-8 is reported when the project is linted; here the defaults apply.
    }
  }
  return lintSource(text, { path, kind, config });
}
