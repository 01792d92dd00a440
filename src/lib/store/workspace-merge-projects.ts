import type { LabbookDB } from './db';
import type { ProjectFileRow, ProjectRow } from '../project/types';

/** A project of the imported file kept beside a local one instead of mixing into it. */
export interface ProjectMergeNote {
  /** The project's id and name in the file. */
  id: string;
  name: string;
  /** What it was stored as. */
  keptAs: { id: string; name: string };
  why: 'same project, different files' | 'name taken';
}

/**
 * Prepares the file's projects for a merge so neither side loses a file: a project both sides
 * have with different files (or different `.git`) is added as a copy with a new id and the name
 * `<name>-imported` — project names are `[A-Za-z0-9._-]`, so not "(imported)" — with every file
 * and `.git` row moved to the copy; a project whose name a different local project holds is
 * renamed the same way. Projects with identical files meet row by row as any other table.
 */
export async function remapProjects(
  db: LabbookDB,
  projects: ProjectRow[],
  files: ProjectFileRow[],
  newId: () => string = () => `p-${crypto.randomUUID()}`,
): Promise<{
  projects: ProjectRow[];
  files: ProjectFileRow[];
  notes: ProjectMergeNote[];
  /** Project id in the file → the copy's id, for followProjectIds. */
  ids: Map<string, string>;
}> {
  const local = await db.projects.toArray();
  const taken = new Set(local.map((p) => p.name));
  const byProject = new Map<string, ProjectFileRow[]>();
  for (const f of files) byProject.set(f.projectId, [...(byProject.get(f.projectId) ?? []), f]);
  const ids = new Map<string, string>();
  const notes: ProjectMergeNote[] = [];
  const out: ProjectRow[] = [];
  for (const project of projects) {
    const mine = local.find((p) => p.id === project.id);
    const clash = local.find((p) => p.name === project.name && p.id !== project.id);
    const theirs = byProject.get(project.id) ?? [];
    const differs = mine
      ? !sameFiles(await db.projectFiles.where('projectId').equals(mine.id).toArray(), theirs)
      : false;
    if (!differs && !clash) {
      out.push(project);
      continue;
    }
    const name = freeName(project.name, taken);
    taken.add(name);
    const id = differs ? newId() : project.id;
    if (id !== project.id) ids.set(project.id, id);
    out.push({ ...project, id, name });
    notes.push({
      id: project.id,
      name: project.name,
      keptAs: { id, name },
      why: differs ? 'same project, different files' : 'name taken',
    });
  }
  return {
    projects: out,
    files: files.map((f) =>
      ids.has(f.projectId) ? { ...f, projectId: ids.get(f.projectId)! } : f,
    ),
    notes,
    ids,
  };
}

/**
 * What else of the file names a project copied under a new id, moved to the copy: its CI runs,
 * and settings kept per project (`<key>.<project id>`: branch protection, commit-message rules),
 * which would otherwise become the local project's.
 */
export function followProjectIds(
  tables: Record<string, unknown[]>,
  ids: ReadonlyMap<string, string>,
): Record<string, unknown[]> {
  if (ids.size === 0) return tables;
  const rows = (name: string) => (tables[name] ?? []) as Record<string, unknown>[];
  const key = (k: string) => {
    const dot = k.lastIndexOf('.');
    const to = dot >= 0 ? ids.get(k.slice(dot + 1)) : undefined;
    return to ? `${k.slice(0, dot + 1)}${to}` : k;
  };
  return {
    ...tables,
    ciRuns: rows('ciRuns').map((r) => {
      const to = ids.get(r.projectId as string);
      return to ? { ...r, projectId: to } : r;
    }),
    settings: rows('settings').map((r) =>
      typeof r.key === 'string' && key(r.key) !== r.key ? { ...r, key: key(r.key) } : r,
    ),
  };
}

function freeName(name: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '-imported' : `-imported-${n}`;
    const candidate = name.slice(0, 64 - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Same paths, kinds and bytes (times aside): the same project, whatever each side's clock says. */
function sameFiles(a: ProjectFileRow[], b: ProjectFileRow[]): boolean {
  if (a.length !== b.length) return false;
  const theirs = new Map(b.map((r) => [r.path, r]));
  return a.every((r) => {
    const other = theirs.get(r.path);
    return other !== undefined && other.kind === r.kind && sameBytes(r.bytes, other.bytes);
  });
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
