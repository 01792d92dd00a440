import { fingerprint } from '../pwa/integrity';
import type { Problem } from './workspace-unzip';

/** One file of a workspace zip as its manifest lists it. */
export interface ListedFile {
  path: string;
  bytes: number;
  /** Lowercase hex SHA-256 of the file's contents. */
  sha256: string;
}

/** Every file of the zip but the manifest itself, with its size and SHA-256, in path order. */
export async function listFiles(files: Record<string, Uint8Array>): Promise<ListedFile[]> {
  const paths = Object.keys(files)
    .filter((p) => p !== 'manifest.json')
    .sort();
  return Promise.all(
    paths.map(async (path) => {
      const data = files[path]!;
      const copy = data.slice().buffer;
      return { path, bytes: data.byteLength, sha256: (await fingerprint(copy)).sha256 };
    }),
  );
}

/**
 * The listing against the zip's directory (every entry's declared size, inflated or not): a file
 * the manifest does not list, or lists but the zip lacks, or of another size. Older exports have
 * no listing and pass.
 */
export function listingProblems(
  listed: readonly ListedFile[] | undefined,
  sizes: Record<string, number>,
): Problem[] {
  if (!listed) return [];
  const problems: Problem[] = [];
  const byPath = new Map(listed.map((f) => [f.path, f]));
  for (const [path, size] of Object.entries(sizes)) {
    if (path === 'manifest.json') continue;
    const entry = byPath.get(path);
    if (!entry)
      problems.push({
        file: path,
        message: `${path} is in the zip but not in manifest.json's file list: the zip was changed after export. Export the workspace again, or remove the file.`,
      });
    else if (entry.bytes !== size)
      problems.push({
        file: path,
        message: `manifest.json says ${path} holds ${entry.bytes} bytes, but it holds ${size}: the file was changed after export.`,
      });
  }
  for (const { path } of listed)
    if (!(path in sizes))
      problems.push({
        file: path,
        message: `manifest.json lists ${path}, but the zip does not hold it: the zip was changed after export.`,
      });
  return problems;
}

/** Each inflated file's SHA-256 against the listing (files never inflated are not hashed). */
export async function hashProblems(
  listed: readonly ListedFile[] | undefined,
  files: Record<string, Uint8Array>,
): Promise<Problem[]> {
  if (!listed) return [];
  const problems: Problem[] = [];
  for (const { path, sha256 } of listed) {
    const data = files[path];
    if (!data) continue;
    const actual = (await fingerprint(data.slice().buffer)).sha256;
    if (actual !== sha256)
      problems.push({
        file: path,
        message: `manifest.json says ${path} has SHA-256 ${sha256.slice(0, 16)}…, but its content hashes to ${actual.slice(0, 16)}…: the file was changed or damaged after export. Nothing was imported; use an unchanged export.`,
      });
  }
  return problems;
}
