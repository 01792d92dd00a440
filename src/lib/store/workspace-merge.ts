import type { Table } from 'dexie';
import { conflictCopy } from './cell-conflicts';
import type { LabbookDB } from './db';
import { StoreError } from './errors';
import type { CellRow, ExerciseRow, ExperimentRow, RunRow } from './schema';
import { TABLE_NAMES } from './schema';
import type { ProjectFileRow, ProjectRow } from '../project/types';
import { followProjectIds, remapProjects, type ProjectMergeNote } from './workspace-merge-projects';
import { remapDocuments, type DocumentMergeNote } from './workspace-merge-documents';
import {
  mergeModel,
  mergeSameVersion,
  remapModelVersions,
  type AliasConflict,
  type VersionMergeNote,
} from './workspace-merge-models';
import type { DocumentRow } from './schema';
import { mergeBlocks, type MetricBlockRow } from './metric-blocks';

export interface TableReport {
  added: number;
  updated: number;
  skipped: number;
}

export interface MergeReport {
  tables: Record<string, TableReport>;
  /** Cells edited on both sides: where the other version was kept. */
  conflicts: { lessonId: string; cellId: string; keptAs: string }[];
  /** Projects of the file kept as copies or renamed rather than mixed into a local one. */
  projects: ProjectMergeNote[];
  /** Model versions of the file stored under a new number (this browser's number is another). */
  versions: VersionMergeNote[];
  /** Aliases both sides point at different versions: this browser's kept, the file's listed. */
  aliases: AliasConflict[];
  /** NoSQL documents of the file stored under a new id (this browser's id holds another). */
  documents: DocumentMergeNote[];
}

/** A report with nothing merged yet (what a replace starts from). */
export const emptyReport = (): MergeReport => ({
  tables: {},
  conflicts: [],
  projects: [],
  versions: [],
  aliases: [],
  documents: [],
});

type Row = Record<string, unknown>;

/** When a row last changed, from the first time field its table has. */
const TIME_FIELDS = ['updatedAt', 'visitedAt', 'ranAt', 'endTime', 'timestamp', 'at', 'createdAt'];
function rowTime(row: Row): number {
  for (const field of TIME_FIELDS) if (typeof row[field] === 'number') return row[field] as number;
  return typeof row.startTime === 'number' ? row.startTime : -Infinity;
}

function keyOf(table: Table, row: Row): unknown {
  const path = table.schema.primKey.keyPath;
  return Array.isArray(path) ? path.map((p) => row[p]) : row[path as string];
}

/** A failed write, said exactly: which table, which row, which unique key. */
export async function putRows(table: Table, name: string, rows: Row[]): Promise<void> {
  try {
    await table.bulkPut(rows);
  } catch (error) {
    const failures = (error as { failuresByPos?: Record<number, { name?: string }> }).failuresByPos;
    const [pos, first] = Object.entries(failures ?? {})[0] ?? [];
    // Anything but a unique key is mapped by guard() further up.
    if (first?.name !== 'ConstraintError') throw error;
    const row = rows[Number(pos)]!;
    const unique = table.schema.indexes.filter((i) => i.unique).map((i) => i.name);
    const values = unique.map((i) => `${i} "${String(row[i])}"`).join(', ');
    throw new StoreError(
      'constraint',
      `tables/${name}.json: another ${name} row already has ${values || 'this key'}, which must be unique. Nothing was imported.`,
      { cause: error },
    );
  }
}

/**
 * Merges checked rows into the workspace, inside the caller's transaction. A row the workspace
 * lacks is added; of two versions of a row the newer wins (of a block of a metric's history, the
 * newer value at each step); experiments meet by name (their ids are random per browser) and the
 * file's runs move to the local id; a cell edited on both sides keeps the older version as a
 * scratch cell; an exercise once passed stays passed; a project both sides changed is kept twice (workspace-merge-projects); a model version numbered like another here is
 * renumbered with everything pointing at it, aliases both sides set keep this browser's
 * (workspace-merge-models); a document whose id holds another here gets a new id
 * (workspace-merge-documents).
 */
export async function mergeTables(
  db: LabbookDB,
  tables: Record<string, unknown[]>,
  now = Date.now(),
): Promise<MergeReport> {
  const projects = await remapProjects(
    db,
    (tables.projects ?? []) as ProjectRow[],
    (tables.projectFiles ?? []) as ProjectFileRow[],
  );
  const models = await remapModelVersions(db, followProjectIds(tables, projects.ids));
  const documents = await remapDocuments(db, (tables.documents ?? []) as DocumentRow[]);
  tables = {
    ...models.tables,
    projects: projects.projects,
    projectFiles: projects.files,
    documents: documents.rows,
  };
  const report: MergeReport = {
    ...emptyReport(),
    projects: projects.notes,
    versions: models.renumbered,
    documents: documents.notes,
  };
  const experimentIds = new Map<string, string>();
  for (const name of TABLE_NAMES) {
    const table = db[name] as unknown as Table<Row>;
    let rows = (tables[name] ?? []) as Row[];
    if (name === 'experiments') rows = await remapExperiments(db, rows, experimentIds);
    if (name === 'runs')
      rows = rows.map((r) => {
        const run = r as RunRow;
        return { ...run, experimentId: experimentIds.get(run.experimentId) ?? run.experimentId };
      });
    const existing = await table.bulkGet(rows.map((r) => keyOf(table, r)));
    const put: Row[] = [];
    const counts: TableReport = { added: 0, updated: 0, skipped: 0 };
    for (const [i, row] of rows.entries()) {
      const mine = existing[i];
      if (!mine) {
        counts.added++;
        put.push(row);
      } else if (name === 'exercises') {
        counts.updated++;
        put.push(mergeExercise(mine as unknown as ExerciseRow, row as unknown as ExerciseRow));
      } else if (name === 'models' || name === 'modelVersions') {
        // Versions met here are the same version (remapModelVersions renumbered the others).
        const merged =
          name === 'models' ? mergeModel(mine, row, report.aliases) : mergeSameVersion(mine, row);
        if (merged) put.push(merged);
        counts[merged ? 'updated' : 'skipped']++;
      } else if (name === 'metricBlocks') {
        const merged = mergeBlocks(
          mine as unknown as MetricBlockRow,
          row as unknown as MetricBlockRow,
        );
        if (merged) put.push(merged as unknown as Row);
        counts[merged ? 'updated' : 'skipped']++;
      } else if (name === 'documents') {
        counts.skipped++; // an equal document (remapDocuments moved the others)
      } else if (name === 'cells' && mine.source !== row.source) {
        counts.updated++;
        put.push(await mergeCell(db, mine, row, rows, now, report));
      } else if (rowTime(row) > rowTime(mine)) {
        counts.updated++;
        put.push(row);
      } else counts.skipped++;
    }
    await putRows(table, name, put);
    report.tables[name] = counts;
  }
  return report;
}

async function remapExperiments(
  db: LabbookDB,
  rows: Row[],
  ids: Map<string, string>,
): Promise<Row[]> {
  const out: Row[] = [];
  for (const row of rows as ExperimentRow[]) {
    const same = await db.experiments.where('name').equals(row.name).first();
    if (same) ids.set(row.id, same.id);
    out.push(same ? { ...row, id: same.id } : row);
  }
  return out;
}

function mergeExercise(mine: ExerciseRow, theirs: ExerciseRow): Row {
  const newer = theirs.updatedAt > mine.updatedAt ? theirs : mine;
  const passes = [mine.passedAt, theirs.passedAt].filter((t): t is number => t !== null);
  return {
    ...newer,
    attempts: Math.max(mine.attempts, theirs.attempts),
    passedAt: passes.length ? Math.min(...passes) : null,
  } as unknown as Row;
}

/** The newer version of a cell edited on both sides; the older is stored as a scratch cell now. */
async function mergeCell(
  db: LabbookDB,
  mineRow: Row,
  theirsRow: Row,
  incomingRows: Row[],
  now: number,
  report: MergeReport,
): Promise<Row> {
  const [mine, theirs] = [mineRow, theirsRow] as unknown as [CellRow, CellRow];
  const incoming = incomingRows as unknown as CellRow[];
  const theirsNewer = theirs.updatedAt > mine.updatedAt;
  const [newer, older] = theirsNewer ? [theirs, mine] : [mine, theirs];
  // Serials are counted over both sides, so a copy never takes the id of a file's scratch cell.
  const lessonRows = [
    ...(await db.cells.where('lessonId').equals(mine.lessonId).toArray()),
    ...incoming.filter((r) => r.lessonId === mine.lessonId),
  ];
  const from = theirsNewer ? 'as it was in this browser' : 'from the imported file';
  const copy = conflictCopy(mine.lessonId, lessonRows, mine.cellId, older.source, from, now);
  if (copy) {
    await db.cells.put(copy);
    report.conflicts.push({ lessonId: copy.lessonId, cellId: mine.cellId, keptAs: copy.cellId });
  }
  return newer as unknown as Row;
}
