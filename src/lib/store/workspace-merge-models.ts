import type { ModelTestReport } from '../registry/model-tests';
import type { LabbookDB } from './db';
import type { ModelVersionRow } from './schema';
import { remapVersionPointers, type VersionMap } from './workspace-merge-pointers';

/** A version of the file stored under another number, because this browser's number N is another model. */
export interface VersionMergeNote {
  model: string;
  /** Its number in the file. */
  version: number;
  keptAs: number;
}

/** An alias both sides point at different versions: this browser's stays, the file's is reported. */
export interface AliasConflict {
  model: string;
  alias: string;
  kept: number;
  /** The version the file pointed it at, under the number it is stored under now. */
  theirs: number;
}

type Row = Record<string, unknown>;

/**
 * When two versions are the same version: registered from the same run's artifact (`runId` and
 * `source`, `runs:/<run>/<path>`). Run ids are random per run, so two browsers share one only
 * when one's run came from the other (an export); the registry itself registers a run once per
 * model (`reuseVersion`). Notes, tags and test reports may differ and are merged.
 */
const identity = (v: ModelVersionRow): string => `${v.runId}\n${String(v.source ?? '')}`;

/**
 * Which number each of the file's versions is stored under: the same version (by identity) meets
 * this browser's, whatever its number; a version whose number is free here keeps it; any other is
 * renumbered to the next free number. Then every pointer of the file at a version is rewritten
 * (workspace-merge-pointers). Reads only: the caller's transaction writes.
 */
export async function remapModelVersions(
  db: LabbookDB,
  tables: Record<string, unknown[]>,
): Promise<{ tables: Record<string, unknown[]>; renumbered: VersionMergeNote[] }> {
  const incoming = (tables.modelVersions ?? []) as ModelVersionRow[];
  const map = new Map<string, Map<number, number>>();
  const renumbered: VersionMergeNote[] = [];
  for (const model of new Set(incoming.map((v) => v.name))) {
    const local = await db.modelVersions.where('name').equals(model).toArray();
    const theirs = incoming.filter((v) => v.name === model);
    const numbers = planNumbers(local, theirs);
    map.set(model, numbers);
    // The file's versions that met this browser's same version are not news; the others are.
    const known = new Set(local.map(identity));
    for (const v of theirs)
      if (numbers.get(v.version) !== v.version && !known.has(identity(v)))
        renumbered.push({ model, version: v.version, keptAs: numbers.get(v.version)! });
  }
  return { tables: remapVersionPointers(tables, map as VersionMap), renumbered };
}

/** File version number → stored number, for one model (pure; see remapModelVersions). */
export function planNumbers(
  local: readonly ModelVersionRow[],
  theirs: readonly ModelVersionRow[],
): Map<number, number> {
  const same = new Map(local.map((v) => [identity(v), v.version]));
  const claimed = new Set(local.map((v) => v.version));
  const numbers = new Map<number, number>();
  const rest: ModelVersionRow[] = [];
  for (const v of theirs) {
    const match = same.get(identity(v));
    if (match !== undefined) numbers.set(v.version, match);
    else rest.push(v);
  }
  const clash: ModelVersionRow[] = [];
  for (const v of rest) {
    if (claimed.has(v.version)) clash.push(v);
    else {
      claimed.add(v.version);
      numbers.set(v.version, v.version);
    }
  }
  let next = Math.max(0, ...claimed);
  for (const v of clash) numbers.set(v.version, ++next);
  return numbers;
}

/**
 * One version from both sides (same identity): this browser's row, with the later model-test
 * report, the file's tags added under keys it lacks and the file's notes when it has none.
 * Undefined when the file adds nothing.
 */
export function mergeSameVersion(mine: Row, theirs: Row): Row | undefined {
  const later = (a: unknown, b: unknown) =>
    ((b as ModelTestReport | null)?.at ?? -Infinity) >
    ((a as ModelTestReport | null)?.at ?? -Infinity)
      ? b
      : a;
  const tags = { ...asRecord(theirs.tags), ...asRecord(mine.tags) };
  const merged: Row = {
    ...mine,
    tests: later(mine.tests ?? null, theirs.tests ?? null),
    tags,
    description: mine.description || theirs.description || mine.description,
  };
  return JSON.stringify(merged) === JSON.stringify(mine) ? undefined : merged;
}

/**
 * One registered model from both sides: the newer row's notes and tags, every alias either side
 * has; an alias both point at different versions keeps this browser's and is reported.
 */
export function mergeModel(mine: Row, theirs: Row, conflicts: AliasConflict[]): Row | undefined {
  const aliases = new Map(Object.entries(asRecord(mine.aliases)));
  for (const [alias, version] of Object.entries(asRecord(theirs.aliases))) {
    const kept = aliases.get(alias);
    if (kept === undefined) aliases.set(alias, version);
    else if (kept !== version)
      conflicts.push({
        model: String(mine.name),
        alias,
        kept: kept as number,
        theirs: version as number,
      });
  }
  const newer = time(theirs) > time(mine) ? theirs : mine;
  const merged: Row = { ...newer, aliases: Object.fromEntries(aliases) };
  return JSON.stringify(merged) === JSON.stringify(mine) ? undefined : merged;
}

const time = (row: Row): number => (typeof row.updatedAt === 'number' ? row.updatedAt : -Infinity);
const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
