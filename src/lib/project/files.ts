import { ProjectError } from './errors';
import { ancestorsOf, isGitPath, normalizePath } from './paths';
import { isUnder, type ProjectStoragePort } from './storage-port';
import { DIR_MODE, FILE_MODE, type ProjectFileRow, type ProjectRow } from './types';

/** Largest file a project holds: code and configs, not datasets (those live in the data catalog). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export interface ProjectFilesOptions {
  now?: () => number;
  newId?: () => string;
}

/**
 * A student's projects and their file trees: every operation validates its paths, refuses what
 * would overwrite or lose a file, and is one atomic write. The `.git` folder is Git's: these
 * operations neither show nor touch it.
 */
export class ProjectFiles {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    private readonly port: ProjectStoragePort,
    options: ProjectFilesOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => `p-${crypto.randomUUID()}`);
  }

  list(): Promise<ProjectRow[]> {
    return this.port.listProjects();
  }

  async get(id: string): Promise<ProjectRow> {
    const row = await this.port.getProject(id);
    if (!row) throw new ProjectError('not-found', `There is no project with id "${id}".`);
    return row;
  }

  async byName(name: string): Promise<ProjectRow | undefined> {
    return (await this.port.listProjects()).find((p) => p.name === name);
  }

  /** Creates a project, with `files` (path → text or bytes) written in the same step. */
  async create(
    name: string,
    files: Record<string, string | Uint8Array> = {},
    extra: Pick<ProjectRow, 'lessonId' | 'seedHash'> = {},
  ): Promise<ProjectRow> {
    await this.checkNewName(name);
    const at = this.now();
    const row: ProjectRow = { id: this.newId(), name, createdAt: at, updatedAt: at, ...extra };
    const put = new Map<string, ProjectFileRow>();
    for (const [path, content] of Object.entries(files)) {
      const clean = normalizePath(path);
      for (const folder of ancestorsOf(clean)) put.set(folder, this.dirRow(row.id, folder, at));
      put.set(clean, this.fileRow(row.id, clean, content, at));
    }
    await this.port.writeFiles(row.id, { put: [...put.values()] });
    try {
      await this.port.putProject(row);
    } catch (error) {
      // The files went in but the project row did not (a full disk): take them out again, so a
      // failed create leaves nothing behind.
      await this.port.deleteProject(row.id).catch(() => undefined);
      throw error;
    }
    return row;
  }

  async rename(id: string, name: string): Promise<ProjectRow> {
    const row = await this.get(id);
    if (row.name === name) return row;
    await this.checkNewName(name);
    const renamed = { ...row, name, updatedAt: this.now() };
    await this.port.putProject(renamed);
    return renamed;
  }

  async delete(id: string): Promise<void> {
    await this.get(id);
    await this.port.deleteProject(id);
  }

  /** The visible tree (files and folders, `.git` left out), sorted by path. */
  async tree(id: string): Promise<ProjectFileRow[]> {
    return (await this.port.listFiles(id)).filter((r) => !isGitPath(r.path));
  }

  async read(id: string, path: string): Promise<Uint8Array> {
    const clean = normalizePath(path);
    const row = await this.port.getFile(id, clean);
    if (!row)
      throw new ProjectError('not-found', `${clean} does not exist in this project.`, clean);
    if (row.kind === 'dir')
      throw new ProjectError('is-a-folder', `${clean} is a folder, not a file.`, clean);
    return row.bytes ?? new Uint8Array();
  }

  async readText(id: string, path: string): Promise<string> {
    const bytes = await this.read(id, path);
    try {
      return decoder.decode(bytes);
    } catch (cause) {
      throw new ProjectError(
        'not-found',
        `${normalizePath(path)} is not UTF-8 text, so it cannot be opened as code.`,
        path,
        { cause },
      );
    }
  }

  /** Writes a file, creating its folders; refuses to replace a folder with a file. */
  async write(id: string, path: string, content: string | Uint8Array): Promise<void> {
    const clean = normalizePath(path);
    await this.get(id);
    const existing = await this.port.getFile(id, clean);
    if (existing?.kind === 'dir')
      throw new ProjectError(
        'is-a-folder',
        `${clean} is a folder; a file cannot replace it. Choose another name.`,
        clean,
      );
    const at = this.now();
    const put = await this.missingFolders(id, clean, at);
    put.push(this.fileRow(id, clean, content, at));
    await this.port.writeFiles(id, { put });
    await this.touch(id, at);
  }

  async createFolder(id: string, path: string): Promise<void> {
    const clean = normalizePath(path);
    await this.get(id);
    if (await this.port.getFile(id, clean))
      throw new ProjectError('exists', `${clean} already exists.`, clean);
    const at = this.now();
    const put = await this.missingFolders(id, clean, at);
    put.push(this.dirRow(id, clean, at));
    await this.port.writeFiles(id, { put });
    await this.touch(id, at);
  }

  /** Renames or moves a file or a folder (with everything in it); never overwrites. */
  async move(id: string, from: string, to: string): Promise<void> {
    const source = normalizePath(from);
    const target = normalizePath(to);
    if (source === target) return;
    if (isUnder(target, source))
      throw new ProjectError(
        'bad-path',
        `Cannot move ${source} into itself (${target}). Choose a folder outside it.`,
        target,
      );
    const rows = await this.port.listFiles(id, source);
    if (rows.length === 0)
      throw new ProjectError('not-found', `${source} does not exist in this project.`, source);
    if (await this.port.getFile(id, target))
      throw new ProjectError(
        'exists',
        `${target} already exists. Rename or delete it first; nothing was moved.`,
        target,
      );
    const at = this.now();
    const put = await this.missingFolders(id, target, at);
    for (const row of rows)
      put.push({ ...row, path: target + row.path.slice(source.length), mtimeMs: at });
    await this.port.writeFiles(id, { remove: rows.map((r) => r.path), put });
    await this.touch(id, at);
  }

  /** Deletes a file, or a folder and everything in it. */
  async remove(id: string, path: string): Promise<string[]> {
    const clean = normalizePath(path);
    const paths = await this.port.listPaths(id, clean);
    if (paths.length === 0)
      throw new ProjectError('not-found', `${clean} does not exist in this project.`, clean);
    await this.port.writeFiles(id, { remove: paths });
    await this.touch(id, this.now());
    return paths;
  }

  private async checkNewName(name: string): Promise<void> {
    if (typeof name !== 'string' || !NAME.test(name))
      throw new ProjectError(
        'bad-name',
        `"${String(name).slice(0, 80)}" is not a valid project name. Use up to 64 letters, digits, ".", "-" or "_", starting with a letter or digit, such as "taxi-pipeline".`,
      );
    if (await this.byName(name))
      throw new ProjectError(
        'exists',
        `A project named "${name}" already exists. Choose another name or open that one.`,
      );
  }

  /** Folder rows for the ancestors of `path` that do not exist yet; refuses a file in the way. */
  private async missingFolders(id: string, path: string, at: number): Promise<ProjectFileRow[]> {
    const rows: ProjectFileRow[] = [];
    for (const folder of ancestorsOf(path)) {
      const existing = await this.port.getFile(id, folder);
      if (existing?.kind === 'file')
        throw new ProjectError(
          'not-a-folder',
          `${folder} is a file, so ${path} cannot be created inside it.`,
          path,
        );
      if (!existing) rows.push(this.dirRow(id, folder, at));
    }
    return rows;
  }

  private fileRow(
    projectId: string,
    path: string,
    content: string | Uint8Array,
    at: number,
  ): ProjectFileRow {
    const bytes = typeof content === 'string' ? encoder.encode(content) : content.slice();
    if (bytes.byteLength > MAX_FILE_BYTES)
      throw new ProjectError(
        'too-large',
        `${path} is ${(bytes.byteLength / 1048576).toFixed(1)} MB; a project file may hold at most ${MAX_FILE_BYTES / 1048576} MB. Keep data in the data catalog (lab.data) and code here.`,
        path,
      );
    return { projectId, path, kind: 'file', bytes, mode: FILE_MODE, mtimeMs: at };
  }

  private dirRow(projectId: string, path: string, at: number): ProjectFileRow {
    return { projectId, path, kind: 'dir', mode: DIR_MODE, mtimeMs: at };
  }

  private async touch(id: string, at: number): Promise<void> {
    const row = await this.port.getProject(id);
    if (row) await this.port.putProject({ ...row, updatedAt: at });
  }
}
