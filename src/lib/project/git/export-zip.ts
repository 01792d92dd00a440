import { zipSync, type Zippable } from 'fflate';
import type { ProjectStoragePort } from '../storage-port';

/**
 * The project as a zip: working tree and `.git/`, so `git log` and `git status` read the
 * unzipped folder. Folders are entries of their own (Git needs `.git/refs` even when empty);
 * the executable bit survives as Unix attributes.
 */
export async function exportRepoZip(
  storage: ProjectStoragePort,
  projectId: string,
): Promise<Uint8Array> {
  const files: Zippable = {};
  for (const row of await storage.listFiles(projectId)) {
    const mtime = new Date(Math.max(row.mtimeMs, Date.UTC(1980, 0, 2)));
    if (row.kind === 'dir')
      files[row.path + '/'] = [new Uint8Array(), { mtime, os: 3, attrs: (0o40755 << 16) >>> 0 }];
    else {
      const perm = row.mode & 0o111 ? 0o100755 : 0o100644;
      files[row.path] = [
        row.bytes ?? new Uint8Array(),
        { mtime, os: 3, attrs: (perm << 16) >>> 0 },
      ];
    }
  }
  // Git objects are already deflated; level 1 keeps the working files small without the wait.
  return zipSync(files, { level: 1 });
}
