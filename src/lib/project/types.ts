/**
 * A student's project: a tree of files stored row by row, Git's own `.git/` folder included, so
 * the file tree, the Git history and the workspace export are one set of rows.
 */
export interface ProjectRow {
  id: string;
  /** Shown in the UI and used by `lab.project.open(name)`; unique. */
  name: string;
  createdAt: number;
  updatedAt: number;
  /** The lesson whose `project/` folder seeded it, if any. */
  lessonId?: string;
  /** Content hash of the seed it was created from (to tell a student the lesson's seed changed). */
  seedHash?: string;
}

/**
 * One file or folder of a project. `path` is normalised (see paths.ts): relative, `/`-separated,
 * no `.` or `..` segments, no leading or trailing slash. Folders are rows too, so an empty folder
 * survives a reload. File content is always bytes: text is UTF-8.
 */
export interface ProjectFileRow {
  projectId: string;
  path: string;
  kind: 'file' | 'dir';
  /** Present for files; absent for folders. */
  bytes?: Uint8Array;
  /** POSIX mode as Git reads it: 0o100644 for a file, 0o100755 executable, 0o40000 folder. */
  mode: number;
  mtimeMs: number;
}

export const FILE_MODE = 0o100644;
export const DIR_MODE = 0o40000;
