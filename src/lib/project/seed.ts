import type { LessonSeed } from '../lessons/types';
import { ProjectFiles } from './files';
import { isGitPath } from './paths';
import type { ProjectStoragePort } from './storage-port';
import type { ProjectRow } from './types';

/** Runs `work` while no other holder of `key` runs: the Web Locks API in the browser. */
export type KeyedLock = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/** What the lesson page needs: the project to link to, and what changed in the starter if it did. */
export interface LessonProjectState {
  project: ProjectRow;
  created: boolean;
  /** Set when no project of this lesson was made from the lesson's current starter. */
  update?: { files: SeedFileChange[] };
}

/** How one file of the new starter compares with the student's project. */
export interface SeedFileChange {
  path: string;
  change: 'new in the starter' | 'differs from yours' | 'only in yours';
}

/** The project a lesson seeds has a fixed id, so two tabs opening the lesson find the same one. */
export function lessonProjectId(lessonId: string): string {
  return `lesson-${lessonId}`;
}

const decoder = new TextDecoder();

/**
 * The lesson's project, created from its seed on the first visit. An existing project is never
 * written to: the student's files are theirs, whatever the lesson ships later. Creation runs under
 * a lock keyed by the lesson and re-reads inside it, so two tabs opening the lesson at once make
 * one project (and the fixed id keeps even a lockless race from making two).
 */
export async function ensureLessonProject(
  port: ProjectStoragePort,
  lessonId: string,
  seed: LessonSeed,
  options: { lock?: KeyedLock; now?: () => number } = {},
): Promise<LessonProjectState> {
  const lock = options.lock ?? processLock;
  return lock(`labbook-lesson-project:${lessonId}`, async () => {
    const id = lessonProjectId(lessonId);
    const existing = await lessonProjects(port, lessonId);
    if (existing.length === 0) {
      const files = new ProjectFiles(port, { newId: () => id, now: options.now });
      const name = await freeName(port, seed.name, (n) => `-${n}`);
      const project = await files.create(name, textFiles(seed), {
        lessonId,
        seedHash: seed.hash,
      });
      return { project, created: true };
    }
    const current = existing.find((p) => p.seedHash === seed.hash);
    if (current) return { project: current, created: false };
    const project = existing.find((p) => p.id === id) ?? existing[0]!;
    return { project, created: false, update: { files: await seedChanges(port, project, seed) } };
  });
}

/**
 * "Add the new starter as a new project": a copy of the new seed named `<name>-v2` (or the next
 * free `-vN`), tied to the lesson so the notice goes away. The student's project is untouched.
 */
export async function addSeedAsNewProject(
  port: ProjectStoragePort,
  lessonId: string,
  seed: LessonSeed,
  options: { lock?: KeyedLock; now?: () => number } = {},
): Promise<ProjectRow> {
  const lock = options.lock ?? processLock;
  return lock(`labbook-lesson-project:${lessonId}`, async () => {
    const same = (await lessonProjects(port, lessonId)).find((p) => p.seedHash === seed.hash);
    if (same) return same;
    const name = await freeName(port, seed.name, (n) => `-v${n}`, false);
    return new ProjectFiles(port, { now: options.now }).create(name, textFiles(seed), {
      lessonId,
      seedHash: seed.hash,
    });
  });
}

/** Per file: what the new starter has that the student's project has not, or has otherwise. */
async function seedChanges(
  port: ProjectStoragePort,
  project: ProjectRow,
  seed: LessonSeed,
): Promise<SeedFileChange[]> {
  const rows = (await port.listFiles(project.id)).filter(
    (r) => r.kind === 'file' && !isGitPath(r.path),
  );
  const theirs = new Map(rows.map((r) => [r.path, r.bytes ?? new Uint8Array()]));
  const changes: SeedFileChange[] = [];
  for (const { path, text } of seed.files) {
    const bytes = theirs.get(path);
    if (!bytes) changes.push({ path, change: 'new in the starter' });
    else if (decoder.decode(bytes) !== text) changes.push({ path, change: 'differs from yours' });
    theirs.delete(path);
  }
  for (const path of theirs.keys()) changes.push({ path, change: 'only in yours' });
  return changes.sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function lessonProjects(port: ProjectStoragePort, lessonId: string): Promise<ProjectRow[]> {
  const all = await port.listProjects();
  return all.filter((p) => p.lessonId === lessonId).sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * The first name no project uses: `base` itself when `plain`, then `base` + `suffix(n)` for
 * n = 2, 3… — the base cut short when needed so the name stays within the 64-character limit.
 */
export async function freeName(
  port: ProjectStoragePort,
  base: string,
  suffix: (n: number) => string,
  plain = true,
): Promise<string> {
  const taken = new Set((await port.listProjects()).map((p) => p.name));
  if (plain && !taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const end = suffix(n);
    const candidate = base.slice(0, 64 - end.length) + end;
    if (!taken.has(candidate)) return candidate;
  }
}

function textFiles(seed: LessonSeed): Record<string, string> {
  return Object.fromEntries(seed.files.map((f) => [f.path, f.text]));
}

// Without the Web Locks API (Node tests): one chain per key in this process.
const chains = new Map<string, Promise<unknown>>();
const processLock: KeyedLock = (key, work) => {
  const run = (chains.get(key) ?? Promise.resolve()).then(work, work);
  chains.set(
    key,
    run.catch(() => undefined),
  );
  return run;
};
