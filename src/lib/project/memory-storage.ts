import { isUnder, type ProjectStoragePort } from './storage-port';
import type { ProjectFileRow, ProjectRow } from './types';

/** Project storage in memory: for tests and for code that must not touch IndexedDB. */
export class MemoryProjectStorage implements ProjectStoragePort {
  private readonly projects = new Map<string, ProjectRow>();
  private readonly files = new Map<string, Map<string, ProjectFileRow>>();

  async listProjects() {
    return [...this.projects.values()].map((p) => ({ ...p }));
  }
  async getProject(id: string) {
    const row = this.projects.get(id);
    return row && { ...row };
  }
  async putProject(row: ProjectRow) {
    this.projects.set(row.id, { ...row });
  }
  async deleteProject(id: string) {
    this.projects.delete(id);
    this.files.delete(id);
  }
  async getFile(projectId: string, path: string) {
    const row = this.files.get(projectId)?.get(path);
    return row && copy(row);
  }
  async listFiles(projectId: string, prefix?: string) {
    return [...(this.files.get(projectId)?.values() ?? [])]
      .filter((r) => isUnder(r.path, prefix))
      .sort((a, b) => (a.path < b.path ? -1 : 1))
      .map(copy);
  }
  async listPaths(projectId: string, prefix?: string) {
    return (await this.listFiles(projectId, prefix)).map((r) => r.path);
  }
  async writeFiles(projectId: string, change: { put?: ProjectFileRow[]; remove?: string[] }) {
    let files = this.files.get(projectId);
    if (!files) this.files.set(projectId, (files = new Map()));
    for (const path of change.remove ?? []) files.delete(path);
    for (const row of change.put ?? []) files.set(row.path, copy(row));
  }
}

// Copies, so a caller mutating a row it read cannot change what is stored (as with IndexedDB).
function copy(row: ProjectFileRow): ProjectFileRow {
  return row.bytes ? { ...row, bytes: row.bytes.slice() } : { ...row };
}
