import { zipSync, type Zippable } from 'fflate';
import { syntaxError } from '../lessons/syntax';
import { boundedUnzip, formatBytes } from '../store/workspace-unzip';
import { ProjectError } from './errors';
import { MAX_FILE_BYTES, type ProjectFiles } from './files';
import { ancestorsOf, isGitPath, normalizePath } from './paths';
import { freeName } from './seed';
import type { ProjectStoragePort } from './storage-port';
import { DIR_MODE, type ProjectRow } from './types';

/** A project zip holds code, not a dataset: far fewer entries and bytes than a workspace. */
const PROJECT_ZIP_LIMITS = { maxEntries: 10_000, maxTotalBytes: 256 * 1024 ** 2 };

export interface ProjectZipReport {
  project: ProjectRow;
  /** Every file stored; `note` when it is kept as-is but will not open or run cleanly. */
  imported: { path: string; note?: string }[];
  /** Every entry left out, with why. */
  skipped: { path: string; reason: string }[];
}

/** What a zip holds once read and checked: nothing stored yet. */
export interface ProjectZipContents {
  /** Default project name: the zip's single top folder, else the zip file's name. */
  name: string;
  files: Record<string, Uint8Array>;
  /** Folders with nothing in them (a zip lists them as `name/` entries). */
  emptyFolders: string[];
  imported: ProjectZipReport['imported'];
  skipped: ProjectZipReport['skipped'];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The project's visible files and empty folders as a zip (`.git` is Git's export, not this). */
export async function exportProjectZip(projects: ProjectFiles, id: string): Promise<Uint8Array> {
  const rows = await projects.tree(id);
  const entries: Zippable = {};
  for (const row of rows) {
    const hasChildren = rows.some((r) => r.path.startsWith(row.path + '/'));
    if (row.kind === 'file') entries[row.path] = row.bytes ?? new Uint8Array();
    else if (!hasChildren) entries[`${row.path}/`] = new Uint8Array();
  }
  return zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}

/**
 * Reads a zip as a project's files, pure: sizes bounded as it inflates (the workspace importer's
 * boundedUnzip), every path through normalizePath. Entries that would escape (`../`, absolute,
 * a drive letter) or that a project refuses (backslashes, `:`, control characters) are skipped
 * with their reason, as are files over the size limit. A `.git/` folder is skipped as a whole:
 * checking that a repository is complete needs Git itself, so its history comes in through the
 * Git panel's import instead. Files that are not UTF-8 or do not parse are kept byte for byte and
 * listed; nothing in the zip runs.
 */
export function readProjectZip(bytes: Uint8Array, fileName: string): ProjectZipContents {
  const skipped: ProjectZipContents['skipped'] = [];
  const unzipped = boundedUnzip(bytes, {
    ...PROJECT_ZIP_LIMITS,
    kind: 'a project zip',
    onBadName: (path, reason) => skipped.push({ path, reason }),
  });
  if (!unzipped.ok) {
    const { message, file } = unzipped.problem;
    const nothing = message.includes('Nothing was imported') ? '' : ' Nothing was imported.';
    throw new ProjectError('bad-zip', `${fileName}: ${message}${nothing}`, file);
  }
  const names = [...Object.keys(unzipped.files), ...unzipped.folders];
  const top = commonTopFolder(names);
  const strip = (name: string) => (top ? name.slice(top.length + 1) : name);
  const files: Record<string, Uint8Array> = {};
  const imported: ProjectZipContents['imported'] = [];
  let gitEntries = 0;
  const place = (name: string): string | undefined => {
    try {
      const path = normalizePath(strip(name), { allowGit: true });
      if (isGitPath(path)) {
        gitEntries++;
        return undefined;
      }
      return path;
    } catch (error) {
      if (!(error instanceof ProjectError)) throw error;
      skipped.push({ path: name, reason: error.message });
      return undefined;
    }
  };
  for (const [name, data] of Object.entries(unzipped.files)) {
    const path = place(name);
    if (path === undefined) continue;
    if (data.byteLength > MAX_FILE_BYTES) {
      skipped.push({
        path: name,
        reason: `${formatBytes(data.byteLength)} is over the ${formatBytes(MAX_FILE_BYTES)} a project file may hold; keep data in the data catalog.`,
      });
      continue;
    }
    if (path in files || ancestorsOf(path).some((a) => a in files)) {
      skipped.push({
        path: name,
        reason: `${path} is already taken by another entry of the zip (a file of that name, or a file where its folder would be).`,
      });
      continue;
    }
    files[path] = data;
    const note = noteFor(path, data);
    imported.push(note ? { path, note } : { path });
  }
  const emptyFolders: string[] = [];
  const paths = Object.keys(files);
  for (const name of unzipped.folders) {
    if (!strip(name)) continue;
    const path = place(name.slice(0, -1));
    if (path === undefined || path in files) continue;
    if (ancestorsOf(path).some((a) => a in files))
      skipped.push({ path: name, reason: `${path} would sit inside a file of the same name.` });
    else if (!paths.some((f) => f.startsWith(path + '/'))) emptyFolders.push(path);
  }
  if (gitEntries > 0)
    skipped.push({
      path: '.git/',
      reason: `The zip's .git folder (${gitEntries} entries) was not imported: a zip cannot show that a repository is complete. Import the repository from the Git panel, or start a new history with Git init.`,
    });
  imported.sort((a, b) => (a.path < b.path ? -1 : 1));
  return {
    name: projectName(top ?? fileName.replace(/\.zip$/i, '')),
    files,
    emptyFolders,
    imported,
    skipped,
  };
}

/**
 * Imports a zip as a new project (renamed `-2`, `-3`… if the name is taken): one project, written
 * whole or not at all — if storing fails (a full disk), what was written is removed again.
 */
export async function importProjectZip(
  projects: ProjectFiles,
  port: ProjectStoragePort,
  bytes: Uint8Array,
  fileName: string,
  options: { name?: string; now?: () => number } = {},
): Promise<ProjectZipReport> {
  const contents = readProjectZip(bytes, fileName);
  const name = await freeName(port, options.name ?? contents.name, (n) => `-${n}`);
  const project = await projects.create(name, contents.files);
  if (contents.emptyFolders.length > 0) {
    const at = (options.now ?? Date.now)();
    const put = contents.emptyFolders.flatMap((folder) =>
      [...ancestorsOf(folder), folder].map((path) => ({
        projectId: project.id,
        path,
        kind: 'dir' as const,
        mode: DIR_MODE,
        mtimeMs: at,
      })),
    );
    try {
      await port.writeFiles(project.id, { put });
    } catch (error) {
      await port.deleteProject(project.id).catch(() => undefined);
      throw error;
    }
  }
  return { project, imported: contents.imported, skipped: contents.skipped };
}

/** What a student should know about a file kept as-is: not text, or code that does not parse. */
function noteFor(path: string, data: Uint8Array): string | undefined {
  let text: string;
  try {
    text = decoder.decode(data);
  } catch {
    return 'not UTF-8 text: kept byte for byte; the editor will not open it as code.';
  }
  if (/\.(m?js)$/.test(path)) {
    const error = syntaxError(text, 'cell');
    if (error)
      return `does not parse (${path}:${error.line}:${error.column}: ${error.message}); kept as-is, nothing ran it.`;
  }
  if (path.endsWith('.json')) {
    try {
      JSON.parse(text);
    } catch (error) {
      return `is not valid JSON (${(error as Error).message}); kept as-is.`;
    }
  }
  return undefined;
}

/** `repo-main/…` for every entry (GitHub's "Download ZIP"): the folder to strip, else null. */
export function commonTopFolder(names: string[]): string | null {
  const firsts = new Set(names.map((n) => n.split('/')[0]));
  const [only] = firsts;
  if (firsts.size !== 1 || !only || isGitPath(only)) return null;
  return names.every((n) => n.startsWith(only + '/')) ? only : null;
}

/** A valid project name from any text: other characters become "-". */
function projectName(raw: string): string {
  const cleaned = raw
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return cleaned || 'imported-project';
}
