import type { ProjectStoragePort } from '../storage-port';
import { containerKindOf, lintContainerFile } from '../containers/lint-containers';
import { EMPTY_CONFIG, LINT_CONFIG_PATH, parseLintConfig } from './config';
import { wholeFileDiagnostic } from './file-diagnostics';
import {
  COMPOSE_PATH,
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
    (path) =>
      path === LINT_CONFIG_PATH || lintKindOf(path) !== null || containerKindOf(path) !== null,
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
  if (containerKindOf(path)) {
    const compose = path === COMPOSE_PATH ? null : await savedText(port, projectId, COMPOSE_PATH);
    return lintContainerFile(path, text, compose);
  }
  const kind = lintKindOf(path);
  if (!kind) return [];
  const saved = await savedText(port, projectId, LINT_CONFIG_PATH);
  const config = saved === null ? EMPTY_CONFIG : parseLintConfig(saved).config;
  return lintSource(text, { path, kind, config });
}

/**
 * A saved file's text, or null when it is missing or not UTF-8 (that is reported when the project
 * is linted; here the defaults apply).
 */
async function savedText(
  port: ProjectStoragePort,
  projectId: string,
  path: string,
): Promise<string | null> {
  const row = await port.getFile(projectId, path);
  if (!row?.bytes) return null;
  try {
    return utf8.decode(row.bytes);
  } catch {
    return null;
  }
}
