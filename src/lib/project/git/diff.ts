import { diffLines } from 'diff';
import git from 'isomorphic-git';
import { resolveCommit } from './branches';
import { args, step, type Repo } from './repo';

/** Where a side of a diff comes from: the last commit, the staging area, the file as edited, or a commit. */
export type DiffSide = 'HEAD' | 'index' | 'workdir' | { commit: string };

export interface DiffLine {
  number: number;
  text: string;
}

/** One row of a side-by-side view: a line on the left, the right, or both. */
export interface DiffRow {
  kind: 'same' | 'removed' | 'added' | 'changed';
  left?: DiffLine;
  right?: DiffLine;
}

export interface FileDiff {
  path: string;
  /** null: the file does not exist on that side. */
  before: string | null;
  after: string | null;
  binary: boolean;
  rows: DiffRow[];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function diffFile(
  repo: Repo,
  path: string,
  from: DiffSide,
  to: DiffSide,
): Promise<FileDiff> {
  const [a, b] = await Promise.all([readSide(repo, path, from), readSide(repo, path, to)]);
  const before = text(a),
    after = text(b);
  const binary = (a !== null && before === null) || (b !== null && after === null);
  return { path, before, after, binary, rows: binary ? [] : sideBySide(before ?? '', after ?? '') };
}

export interface ChangedFile {
  path: string;
  change: 'added' | 'removed' | 'modified';
}

/** The files that differ between two commits. */
export async function diffCommits(repo: Repo, from: string, to: string): Promise<ChangedFile[]> {
  const [a, b] = await Promise.all([resolveCommit(repo, from), resolveCommit(repo, to)]);
  const changes = await step(repo, 'Comparing commits', () =>
    git.walk({
      ...args(repo),
      trees: [git.TREE({ ref: a }), git.TREE({ ref: b })],
      map: async (filepath, [x, y]) => {
        if (filepath === '.') return undefined;
        if ((await x?.type()) === 'tree' || (await y?.type()) === 'tree') return undefined;
        const [ox, oy] = [await x?.oid(), await y?.oid()];
        if (ox === oy) return undefined;
        return {
          path: filepath,
          change: !ox ? 'added' : !oy ? 'removed' : 'modified',
        } as ChangedFile;
      },
    }),
  );
  return (changes as (ChangedFile | undefined)[]).filter((c): c is ChangedFile => Boolean(c));
}

async function readSide(repo: Repo, path: string, side: DiffSide): Promise<Uint8Array | null> {
  if (side === 'workdir') {
    const row = await repo.storage.getFile(repo.projectId, path);
    return row?.kind === 'file' ? (row.bytes ?? new Uint8Array()) : null;
  }
  if (side === 'index') return readStaged(repo, path);
  const oid = await resolveCommit(repo, side === 'HEAD' ? 'HEAD' : side.commit).catch(
    () => undefined,
  );
  if (!oid) return null;
  return git.readBlob({ ...args(repo), oid, filepath: path }).then(
    (r) => r.blob,
    () => null,
  );
}

async function readStaged(repo: Repo, path: string): Promise<Uint8Array | null> {
  const found = await git.walk({
    ...args(repo),
    trees: [git.STAGE()],
    map: async (filepath, [entry]) => {
      if (filepath !== '.' && filepath !== path && !path.startsWith(filepath + '/')) return null;
      return filepath === path ? entry?.oid() : undefined;
    },
  });
  const oid = (found as (string | undefined)[]).find(Boolean);
  return oid ? (await git.readBlob({ ...args(repo), oid })).blob : null;
}

function text(bytes: Uint8Array | null): string | null {
  if (bytes === null) return null;
  if (bytes.includes(0)) return null;
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Pairs removed and added runs line by line, as side-by-side viewers do. */
export function sideBySide(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let l = 1,
    r = 1;
  const parts = diffLines(before, after);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const lines = splitLines(part.value);
    if (!part.added && !part.removed) {
      for (const t of lines)
        rows.push({
          kind: 'same',
          left: { number: l++, text: t },
          right: { number: r++, text: t },
        });
      continue;
    }
    if (part.removed && parts[i + 1]?.added) {
      const added = splitLines(parts[++i]!.value);
      for (let k = 0; k < Math.max(lines.length, added.length); k++) {
        const left = k < lines.length ? { number: l++, text: lines[k]! } : undefined;
        const right = k < added.length ? { number: r++, text: added[k]! } : undefined;
        rows.push({
          kind: left && right ? 'changed' : left ? 'removed' : 'added',
          ...(left ? { left } : {}),
          ...(right ? { right } : {}),
        });
      }
      continue;
    }
    for (const t of lines)
      rows.push(
        part.removed
          ? { kind: 'removed', left: { number: l++, text: t } }
          : { kind: 'added', right: { number: r++, text: t } },
      );
  }
  return rows;
}

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
