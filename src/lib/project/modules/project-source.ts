import { ProjectError } from '../errors';
import { isGitPath } from '../paths';
import type { ProjectStoragePort } from '../storage-port';

/** The kernel's active project: what `project:` imports and lab.test.run() read. */
export interface ProjectSource {
  projectId: string;
  /** A file's text, or undefined when the project has no such file. */
  readText(path: string): Promise<string | undefined>;
  /** Every text file of the project (not .git, not binary files), by path. */
  readAll(): Promise<Record<string, string>>;
}

/** Reads a project's files from storage as UTF-8; a file that is not text is refused by name. */
export function projectSource(port: ProjectStoragePort, projectId: string): ProjectSource {
  const decode = (path: string, bytes: Uint8Array) => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (error) {
      throw new ProjectError(
        'not-text',
        `"${path}" is not UTF-8 text, so it cannot be imported as code. Save it as UTF-8, or import a .js file instead.`,
        path,
        { cause: error },
      );
    }
  };
  return {
    projectId,
    async readText(path) {
      const row = await port.getFile(projectId, path);
      return row?.kind === 'file' ? decode(path, row.bytes ?? new Uint8Array()) : undefined;
    },
    async readAll() {
      const texts: Record<string, string> = {};
      for (const row of await port.listFiles(projectId)) {
        if (row.kind !== 'file' || isGitPath(row.path)) continue;
        try {
          texts[row.path] = decode(row.path, row.bytes ?? new Uint8Array());
        } catch {
          // Images and other binary files are not code: tests cannot import them anyway.
        }
      }
      return texts;
    },
  };
}
