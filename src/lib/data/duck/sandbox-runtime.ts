import type { DuckDBModule, DuckDBRuntime } from '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking';

/** Marks a refusal of ours inside DuckDB's IO error, so the engine can code it `sandbox`. */
export const SANDBOX_MARK = 'outside the Labbook sandbox';

/** What the runtime needs from the bundle that loaded DuckDB (Node's and the browser's differ). */
export interface RuntimeHelpers {
  failWith(mod: DuckDBModule, message: string): void;
  readString(mod: DuckDBModule, begin: number, length: number): string;
  callSRet(
    mod: DuckDBModule,
    funcName: string,
    argTypes: ('number' | 'string' | 'array' | 'boolean' | null)[],
    args: unknown[],
  ): [number, number, number];
  dropResponseBuffers(mod: DuckDBModule): void;
}

/**
 * A path DuckDB may create or look for: relative, plain segments, no scheme. Everything else
 * (`/etc/passwd`, `../x`, `http://…`, `s3://…`, the extension directory) is refused.
 */
export function isSandboxPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.startsWith('~') || path.includes('\\'))
    return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return false;
  return path.split('/').every((s) => s !== '..' && s !== '.' && !s.includes('\0'));
}

export function refusal(path: string): string {
  return `"${path}" is ${SANDBOX_MARK}: SQL here reads only the tables you registered (lab.duck.table) and the files your queries wrote under a relative path such as lake/trips. Nothing is read from your disk or the network.`;
}

/** A file a query wrote, held by the runtime in JavaScript memory (`size` of `data` is used). */
interface MemoryFile {
  data: Uint8Array;
  size: number;
  modified: number;
}

const NODE_FS = 1;
const FILE_CREATE = 8;
const FILE_CREATE_NEW = 16;

/** A glob of DuckDB's (`**` any path, `*` and `?` within a segment) as a regular expression. */
function globPattern(glob: string): RegExp {
  const body = glob
    .split(/(\*\*\/?|\*|\?)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`);
}

/**
 * DuckDB-WASM keeps registered buffers in its own memory and calls the runtime for every other
 * file. The runtimes it ships reach the real file system (Node) or the network (the browser);
 * ours holds the files queries write (COPY … TO 'lake/…') in JavaScript memory, under sandbox
 * paths only: directories are a set (hive-partitioned writes need them), and anything else is
 * refused. Files are not left to DuckDB's own in-memory buffers: DuckDB-WASM 0.9's writes into
 * those fault ("memory access out of bounds") depending on the heap's layout, so a lesson's
 * Parquet write failed after an unrelated query had run before it.
 */
export function sandboxRuntime(helpers: RuntimeHelpers): SandboxRuntime {
  const dirs = new Set<string>();
  const files = new Map<string, MemoryFile>();
  const opened = new Map<number, string>();
  const pathOf = (mod: DuckDBModule, ptr: number, len: number) =>
    helpers.readString(mod, ptr, len).replace(/\/+$/, '');
  const refuse = (mod: DuckDBModule, path: string) => helpers.failWith(mod, refusal(path));
  const guarded =
    <T>(fallback: T, act: (path: string, mod: DuckDBModule) => T) =>
    (mod: DuckDBModule, ptr: number, len: number): T => {
      const path = pathOf(mod, ptr, len);
      if (isSandboxPath(path)) return act(path, mod);
      refuse(mod, path);
      return fallback;
    };
  /** The path DuckDB registered for `fileId`. */
  const resolve = (mod: DuckDBModule, fileId: number): string | undefined => {
    const [status, data, length] = helpers.callSRet(
      mod,
      'duckdb_web_fs_get_file_info_by_id',
      ['number', 'number'],
      [fileId, 0],
    );
    const text = helpers.readString(mod, data, length);
    helpers.dropResponseBuffers(mod);
    if (status !== 0) {
      helpers.failWith(mod, text);
      return undefined;
    }
    const info = JSON.parse(text) as { fileName?: string; dataUrl?: string | null } | null;
    return (info?.dataUrl ?? info?.fileName ?? '').replace(/\/+$/, '');
  };
  const fileOf = (mod: DuckDBModule, fileId: number): MemoryFile | undefined => {
    const file = files.get(opened.get(fileId) ?? '');
    if (!file) helpers.failWith(mod, `Only files in memory exist here (${SANDBOX_MARK}).`);
    return file;
  };
  const resize = (file: MemoryFile, size: number) => {
    if (size > file.data.length) {
      const data = new Uint8Array(Math.max(size, file.data.length * 2, 64 * 1024));
      data.set(file.data.subarray(0, file.size));
      file.data = data;
    } else if (size < file.size) file.data.fill(0, size, file.size);
    file.size = size;
    file.modified = Date.now();
  };
  return {
    files: () =>
      [...files]
        .map(([path, file]) => ({ path, bytes: file.size }))
        .sort((a, b) => a.path.localeCompare(b.path)),
    _udfFunctions: new Map(),
    testPlatformFeature: (_mod, feature) => feature === 1 && typeof BigInt64Array !== 'undefined',
    // 1: files DuckDB creates are the runtime's (below), not buffers in DuckDB's own memory.
    getDefaultDataProtocol: () => NODE_FS,
    openFile(mod: DuckDBModule, fileId: number, flags: number) {
      const path = resolve(mod, fileId);
      if (path === undefined) return 0;
      if (!isSandboxPath(path)) {
        refuse(mod, path);
        return 0;
      }
      let file = files.get(path);
      if (!file || flags & FILE_CREATE_NEW) {
        if (!(flags & (FILE_CREATE | FILE_CREATE_NEW))) {
          helpers.failWith(mod, `No file "${path}" in memory (${SANDBOX_MARK}).`);
          return 0;
        }
        file = { data: new Uint8Array(0), size: 0, modified: Date.now() };
        files.set(path, file);
      }
      opened.set(fileId, path);
      // DuckDB reads the file's size, then a pointer to preloaded bytes (none).
      const result = mod._malloc(2 * 8);
      mod.HEAPF64[result >> 3] = file.size;
      mod.HEAPF64[(result >> 3) + 1] = 0;
      return result;
    },
    syncFile: () => undefined,
    closeFile: (_mod: DuckDBModule, fileId: number) => void opened.delete(fileId),
    getLastFileModificationTime: (mod: DuckDBModule, fileId: number) =>
      fileOf(mod, fileId)?.modified ?? 0,
    truncateFile(mod: DuckDBModule, fileId: number, newSize: number) {
      const file = fileOf(mod, fileId);
      if (file) resize(file, newSize);
    },
    readFile(mod: DuckDBModule, fileId: number, buffer: number, bytes: number, location: number) {
      const file = fileOf(mod, fileId);
      if (!file) return 0;
      const end = Math.min(file.size, location + bytes);
      if (end <= location) return 0;
      mod.HEAPU8.set(file.data.subarray(location, end), buffer);
      return end - location;
    },
    writeFile(mod: DuckDBModule, fileId: number, buffer: number, bytes: number, location: number) {
      const file = fileOf(mod, fileId);
      if (!file) return 0;
      if (location + bytes > file.size) resize(file, location + bytes);
      // HEAPU8 is read here, after any growth of the heap: never a stale view.
      file.data.set(mod.HEAPU8.subarray(buffer, buffer + bytes), location);
      file.modified = Date.now();
      return bytes;
    },
    checkFile: guarded(false, (path) => files.has(path)),
    removeFile: guarded(undefined, (path) => void files.delete(path)),
    glob: guarded(undefined, (path, mod) => {
      const pattern = globPattern(path);
      for (const name of files.keys())
        if (pattern.test(name)) mod.ccall('duckdb_web_fs_glob_add_path', null, ['string'], [name]);
    }),
    checkDirectory: guarded(false, (path) => dirs.has(path)),
    createDirectory: guarded(undefined, (path) => void dirs.add(path)),
    removeDirectory: guarded(undefined, (path) => void dirs.delete(path)),
    listDirectoryEntries: guarded(false, () => false),
    moveFile(mod: DuckDBModule, fromPtr: number, fromLen: number, toPtr: number, toLen: number) {
      const from = pathOf(mod, fromPtr, fromLen);
      const to = pathOf(mod, toPtr, toLen);
      const file = files.get(from);
      if (!isSandboxPath(from) || !isSandboxPath(to)) {
        refuse(mod, isSandboxPath(from) ? to : from);
        return false;
      }
      if (!file) {
        helpers.failWith(mod, `No file "${from}" in memory (${SANDBOX_MARK}).`);
        return false;
      }
      files.delete(from);
      files.set(to, file);
      return true;
    },
    callScalarUDF: (mod) => void helpers.failWith(mod, 'User functions are not available here.'),
  } as SandboxRuntime;
}

export interface SandboxRuntime extends DuckDBRuntime {
  /** The files queries wrote, with their sizes, by path. */
  files(): { path: string; bytes: number }[];
}
