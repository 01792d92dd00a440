import Dexie from 'dexie';
import type { ProjectStoragePort } from '../project/storage-port';
import type { LabbookDB } from './db';
import { toStoreError } from './errors';

/** Project rows in the workspace database; every write is one transaction. */
export function dexieProjectPort(db: LabbookDB): ProjectStoragePort {
  // Filtered in JS, not with Collection.filter(): Dexie's filter walks a cursor and assigns its
  // `advance`, which the kernel worker's frozen IDBCursor prototype refuses (p.git reads folders).
  const range = async (projectId: string, prefix?: string) =>
    prefix
      ? (
          await db.projectFiles
            .where('[projectId+path]')
            .between([projectId, prefix], [projectId, prefix + '/' + '\uffff'], true, true)
            .toArray()
        ) // `src` must not take `src-old`: between() is a string range, this the folder test.
          .filter((r) => r.path === prefix || r.path.startsWith(prefix + '/'))
      : db.projectFiles.where('projectId').equals(projectId).toArray();
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toStoreError(error);
    }
  };
  return {
    listProjects: () => guarded(() => db.projects.orderBy('updatedAt').reverse().toArray()),
    getProject: (id) => guarded(() => db.projects.get(id)),
    putProject: (row) => guarded(async () => void (await db.projects.put(row))),
    deleteProject: (id) =>
      guarded(() =>
        db.transaction('rw', db.projects, db.projectFiles, async () => {
          await db.projectFiles.where('projectId').equals(id).delete();
          await db.projects.delete(id);
        }),
      ),
    getFile: (projectId, path) => guarded(() => db.projectFiles.get([projectId, path])),
    listFiles: (projectId, prefix) =>
      guarded(async () =>
        (await range(projectId, prefix)).sort((a, b) =>
          a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
        ),
      ),
    listPaths: (projectId, prefix) =>
      guarded(async () => {
        if (prefix) return (await range(projectId, prefix)).map((r) => r.path);
        const keys = (await db.projectFiles
          .where('projectId')
          .equals(projectId)
          .primaryKeys()) as unknown as [string, string][];
        return keys.map(([, path]) => path).sort();
      }),
    writeFiles: (projectId, change) =>
      guarded(() =>
        db.transaction('rw', db.projectFiles, async () => {
          const remove = change.remove ?? [];
          if (remove.length) await db.projectFiles.bulkDelete(remove.map((p) => [projectId, p]));
          const put = change.put ?? [];
          if (put.some((r) => r.projectId !== projectId))
            throw new Dexie.ConstraintError('A project write may only touch its own files.');
          if (put.length) await db.projectFiles.bulkPut(put);
        }),
      ),
  };
}
