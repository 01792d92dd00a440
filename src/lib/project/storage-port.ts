import type { ProjectFileRow, ProjectRow } from './types';

/**
 * Where project rows live. The Dexie implementation is the store's; tests use the in-memory one.
 * Every method is one atomic step: a rename that moves 40 files either moves all or none.
 */
export interface ProjectStoragePort {
  listProjects(): Promise<ProjectRow[]>;
  getProject(id: string): Promise<ProjectRow | undefined>;
  putProject(row: ProjectRow): Promise<void>;
  /** Deletes the project and every file row of it. */
  deleteProject(id: string): Promise<void>;

  getFile(projectId: string, path: string): Promise<ProjectFileRow | undefined>;
  /** The rows at `prefix` and below it (`prefix` itself included); all rows when omitted. */
  listFiles(projectId: string, prefix?: string): Promise<ProjectFileRow[]>;
  /** Paths only, the same selection as listFiles (cheap: no file bytes are read). */
  listPaths(projectId: string, prefix?: string): Promise<string[]>;
  /** Deletes `remove` then writes `put`, in one transaction. */
  writeFiles(
    projectId: string,
    change: { put?: ProjectFileRow[]; remove?: string[] },
  ): Promise<void>;
}

/** True when `path` is `prefix` or inside it. An empty prefix is the project root. */
export function isUnder(path: string, prefix: string | undefined): boolean {
  if (!prefix) return true;
  return path === prefix || path.startsWith(prefix + '/');
}
