import { clipPart, folderClash, keyProblem, suggestKey } from './mlflow-names';

/**
 * Names as they can be written into an MLflow store. Runs stored before the Labbook checked keys
 * may hold ones MLflow refuses, and two names may be one file on a case-insensitive disk
 * (macOS, Windows: "RMSE" and "rmse"). Each gets a new name, the same on every export: valid
 * names are kept first (in sorted order), then each other one takes its suggestion, numbered
 * "_2", "_3" … if that is taken.
 */
export function exportNames(
  keys: Iterable<string>,
  valid: (key: string) => boolean = (key) => !keyProblem(key),
  suggest: (key: string) => string = suggestKey,
): Map<string, string> {
  const sorted = [...new Set(keys)].sort();
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const used: string[] = [];
  const free = (name: string) => !taken.has(name.toLowerCase()) && !folderClash(used, name);
  const take = (key: string, name: string) => {
    names.set(key, name);
    taken.add(name.toLowerCase());
    used.push(name);
  };
  for (const key of sorted) if (valid(key) && free(key)) take(key, key);
  for (const key of sorted) {
    if (names.has(key)) continue;
    const suggested = suggest(key);
    // A folder clash ("cv" beside "cv/fold") is not solved by a suffix: flatten the folders.
    const base = free(suggested) ? suggested : suggested.replace(/\//g, '_');
    let name = base;
    for (let n = 2; !free(name); n++) name = `${base.slice(0, 240)}_${n}`;
    take(key, name);
  }
  return names;
}

/** An artifact path kept inside its run: no empty, "." or ".." part, no backslash. */
export function suggestArtifactPath(path: string): string {
  const parts = path
    .replace(/[\\\p{Cc}]/gu, '_')
    .split('/')
    .filter((p) => p !== '' && p !== '.' && p !== '..')
    .map(clipPart);
  return parts.length ? parts.join('/') : 'unnamed';
}

export const artifactPathValid = (path: string) => suggestArtifactPath(path) === path;
