import type { DuckDBModule, DuckDBRuntime } from '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking';

/** Marks a refusal of ours inside DuckDB's IO error, so the engine can code it `sandbox`. */
export const SANDBOX_MARK = 'outside the Labbook sandbox';

/** What the runtime needs from the bundle that loaded DuckDB (Node's and the browser's differ). */
export interface RuntimeHelpers {
  failWith(mod: DuckDBModule, message: string): void;
  readString(mod: DuckDBModule, begin: number, length: number): string;
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

/**
 * DuckDB-WASM keeps registered buffers and the files a query writes in its own memory; it calls
 * the runtime only for what it cannot find there. The runtimes it ships reach the real file
 * system (Node) or the network (the browser), so ours answers from memory only: directories
 * are a set (hive-partitioned writes need them), and any other file is refused.
 */
export function sandboxRuntime(helpers: RuntimeHelpers): SandboxRuntime {
  const dirs = new Set<string>();
  let module: DuckDBModule | undefined;
  const pathOf = (mod: DuckDBModule, ptr: number, len: number) => {
    module = mod;
    return helpers.readString(mod, ptr, len).replace(/\/+$/, '');
  };
  const refuse = (mod: DuckDBModule, path: string) => helpers.failWith(mod, refusal(path));
  const guarded =
    <T>(fallback: T, act: (path: string) => T) =>
    (mod: DuckDBModule, ptr: number, len: number): T => {
      const path = pathOf(mod, ptr, len);
      if (isSandboxPath(path)) return act(path);
      refuse(mod, path);
      return fallback;
    };
  const noFile = (mod: DuckDBModule) => {
    helpers.failWith(mod, `Only files in memory exist here (${SANDBOX_MARK}).`);
    return 0;
  };
  return {
    reserveHeap(bytes: number) {
      if (!module) return false;
      module._free(module._malloc(bytes));
      return true;
    },
    _udfFunctions: new Map(),
    testPlatformFeature: (_mod, feature) => feature === 1 && typeof BigInt64Array !== 'undefined',
    // 0 = BUFFER: a file DuckDB creates lives in its memory, never on a disk or a server.
    getDefaultDataProtocol: () => 0,
    openFile: noFile,
    syncFile: () => undefined,
    closeFile: () => undefined,
    getLastFileModificationTime: () => 0,
    truncateFile: noFile,
    readFile: noFile,
    writeFile: noFile,
    checkFile: guarded(false, () => false),
    removeFile: guarded(undefined, () => undefined),
    glob: guarded(undefined, () => undefined),
    checkDirectory: guarded(false, (path) => dirs.has(path)),
    createDirectory: guarded(undefined, (path) => void dirs.add(path)),
    removeDirectory: guarded(undefined, (path) => void dirs.delete(path)),
    listDirectoryEntries: guarded(false, () => false),
    moveFile: (mod, fromPtr, fromLen) => {
      refuse(mod, pathOf(mod, fromPtr, fromLen));
      return false;
    },
    callScalarUDF: (mod) => void helpers.failWith(mod, 'User functions are not available here.'),
  } as SandboxRuntime;
}

export interface SandboxRuntime extends DuckDBRuntime {
  /**
   * Grows the wasm heap by `bytes` at once (false before DuckDB first called the runtime).
   * DuckDB-WASM 0.9.1 faults ("memory access out of bounds") when its heap grows in the middle
   * of writing a file in memory, so the engine grows it once, up front.
   */
  reserveHeap(bytes: number): boolean;
}
