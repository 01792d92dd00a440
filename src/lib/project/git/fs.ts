import { ProjectError } from '../errors';
import { ancestorsOf, normalizePath, parentOf } from '../paths';
import type { ProjectStoragePort } from '../storage-port';
import { DIR_MODE, FILE_MODE, type ProjectFileRow } from '../types';
import { LabbookError } from '../../errors';

/**
 * An error shaped like Node's: isomorphic-git reads `code` (ENOENT, EEXIST…) to decide whether
 * to create a folder, retry a write or treat a file as missing.
 */
class FsError extends LabbookError<
  'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'ENOTEMPTY' | 'EISDIR' | 'EINVAL' | 'EPERM'
> {
  override name = 'FsError';
  constructor(
    code: 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'ENOTEMPTY' | 'EISDIR' | 'EINVAL' | 'EPERM',
    readonly path: string,
    message: string,
  ) {
    super(code, `${code}: ${message} (${path || '/'})`);
  }
}

export interface GitStat {
  type: 'file' | 'dir';
  mode: number;
  size: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
  uid: number;
  gid: number;
  dev: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Project-relative path for an fs path: `/src/a.js` → `src/a.js`, `/` → '' (the root). */
function rel(path: string): string {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '' || trimmed === '.') return '';
  try {
    return normalizePath(trimmed, { allowGit: true });
  } catch (error) {
    if (error instanceof ProjectError) throw new FsError('EINVAL', trimmed, error.message);
    throw error;
  }
}

function statOf(row: Pick<ProjectFileRow, 'kind' | 'mode' | 'mtimeMs' | 'bytes'>): GitStat {
  const dir = row.kind === 'dir';
  return {
    type: row.kind,
    mode: dir ? DIR_MODE : row.mode || FILE_MODE,
    size: row.bytes?.byteLength ?? 0,
    ino: 0,
    mtimeMs: row.mtimeMs,
    ctimeMs: row.mtimeMs,
    uid: 1,
    gid: 1,
    dev: 1,
    isFile: () => !dir,
    isDirectory: () => dir,
    isSymbolicLink: () => false,
  };
}

const LOOSE_OBJECT = /^\.git\/objects\/([0-9a-f]{2})\/([0-9a-f]{38})$/;

/** A zlib stream starts with a deflate method byte and a header checksum (RFC 1950). */
function isZlib(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && (bytes[0]! & 0x0f) === 8 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0;
}

const ROOT = { kind: 'dir' as const, mode: DIR_MODE, mtimeMs: 0 };

/**
 * The `fs` isomorphic-git needs, over project rows: the working tree and `.git/` are rows of one
 * project. Every write resolves only after its rows are stored (one transaction per call).
 */
export function createGitFs(storage: ProjectStoragePort, projectId: string) {
  /** Loose objects read whose bytes are not zlib data: named in the error that follows. */
  const damaged = new Set<string>();
  const get = (path: string) =>
    path === '' ? Promise.resolve(ROOT) : storage.getFile(projectId, path);

  async function requireDir(path: string): Promise<void> {
    const row = await get(path);
    if (!row) throw new FsError('ENOENT', path, 'no such folder');
    if (row.kind !== 'dir') throw new FsError('ENOTDIR', path, 'not a folder');
  }

  /** Folder rows missing above `path`, refusing a file in the way. */
  async function missingAncestors(path: string, now: number): Promise<ProjectFileRow[]> {
    const rows: ProjectFileRow[] = [];
    for (const folder of ancestorsOf(path)) {
      const row = await storage.getFile(projectId, folder);
      if (row?.kind === 'file') throw new FsError('ENOTDIR', folder, 'a file is in the way');
      if (!row) rows.push({ projectId, path: folder, kind: 'dir', mode: DIR_MODE, mtimeMs: now });
    }
    return rows;
  }

  async function readFile(path: string, options?: { encoding?: string } | string) {
    const p = rel(path);
    const row = await get(p);
    if (!row) throw new FsError('ENOENT', p, 'no such file');
    if (row.kind === 'dir') throw new FsError('EISDIR', p, 'is a folder');
    const bytes = (row as ProjectFileRow).bytes ?? new Uint8Array();
    const object = LOOSE_OBJECT.exec(p);
    if (object && !isZlib(bytes)) damaged.add(object[1]! + object[2]!);
    const encoding = typeof options === 'string' ? options : options?.encoding;
    return encoding === 'utf8' || encoding === 'utf-8' ? decoder.decode(bytes) : bytes;
  }

  async function writeFile(
    path: string,
    data: Uint8Array | string,
    options?: { mode?: number } | string,
  ): Promise<void> {
    const p = rel(path);
    if (p === '') throw new FsError('EISDIR', p, 'is a folder');
    const old = await storage.getFile(projectId, p);
    if (old?.kind === 'dir') throw new FsError('EISDIR', p, 'is a folder');
    // Git decides a file is unchanged when size and mtime match the index: a rewrite within the
    // same millisecond must still move mtime on, or an edit could go unseen.
    const now = Math.max(Date.now(), (old?.mtimeMs ?? 0) + 1);
    const mode = (typeof options === 'object' && options.mode) || old?.mode || FILE_MODE;
    const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
    const row: ProjectFileRow = { projectId, path: p, kind: 'file', bytes, mode, mtimeMs: now };
    await storage.writeFiles(projectId, { put: [...(await missingAncestors(p, now)), row] });
  }

  async function unlink(path: string): Promise<void> {
    const p = rel(path);
    const row = await get(p);
    if (!row) throw new FsError('ENOENT', p, 'no such file');
    if (row.kind === 'dir') throw new FsError('EISDIR', p, 'is a folder');
    await storage.writeFiles(projectId, { remove: [p] });
  }

  async function readdir(path: string): Promise<string[]> {
    const p = rel(path);
    await requireDir(p);
    const depth = p === '' ? 0 : p.split('/').length;
    const names = new Set<string>();
    for (const child of await storage.listPaths(projectId, p || undefined)) {
      const parts = child.split('/');
      if (parts.length === depth + 1) names.add(parts[depth]!);
    }
    return [...names].sort();
  }

  async function mkdir(path: string): Promise<void> {
    const p = rel(path);
    if (p === '' || (await storage.getFile(projectId, p)))
      throw new FsError('EEXIST', p, 'already exists');
    await requireDir(parentOf(p));
    await storage.writeFiles(projectId, {
      put: [{ projectId, path: p, kind: 'dir', mode: DIR_MODE, mtimeMs: Date.now() }],
    });
  }

  async function rmdir(path: string): Promise<void> {
    const p = rel(path);
    if (p === '') throw new FsError('EPERM', p, 'the project root cannot be removed');
    await requireDir(p);
    if ((await storage.listPaths(projectId, p)).length > 1)
      throw new FsError('ENOTEMPTY', p, 'folder not empty');
    await storage.writeFiles(projectId, { remove: [p] });
  }

  async function stat(path: string): Promise<GitStat> {
    const p = rel(path);
    const row = await get(p);
    if (!row) throw new FsError('ENOENT', p, 'no such file or folder');
    return statOf(row);
  }

  async function readlink(path: string): Promise<string> {
    throw new FsError('EINVAL', rel(path), 'projects hold no symbolic links');
  }

  async function symlink(_target: string, path: string): Promise<void> {
    throw new FsError(
      'EPERM',
      rel(path),
      'projects hold no symbolic links; the link was not created',
    );
  }

  async function chmod(path: string, mode: number): Promise<void> {
    const p = rel(path);
    const row = await storage.getFile(projectId, p);
    if (!row) throw new FsError('ENOENT', p, 'no such file');
    await storage.writeFiles(projectId, { put: [{ ...row, mode }] });
  }

  return {
    /** Objects found damaged since the last clear (repo.ts's step clears it). */
    damaged,
    promises: {
      readFile,
      writeFile,
      unlink,
      readdir,
      mkdir,
      rmdir,
      stat,
      lstat: stat,
      readlink,
      symlink,
      chmod,
    },
  };
}

export type GitFs = ReturnType<typeof createGitFs>;
