import { conflictCopy } from './cell-conflicts';
import type { LabbookDB } from './db';
import { guard } from './errors';
import type { ExerciseRow } from './schema';

/**
 * Saves a cell's source and returns the row's new `updatedAt`. `basedOn` is the `updatedAt` of the
 * stored version the edit started from (0: none): if another tab stored a newer, different version
 * meanwhile, that version is kept as a scratch cell instead of being overwritten.
 */
export async function saveCellSource(
  db: LabbookDB,
  lessonId: string,
  cellId: string,
  source: string,
  basedOn?: number,
  starter?: string,
): Promise<number> {
  return guard(() =>
    db.transaction('rw', db.cells, async () => {
      const updatedAt = await keepNewerStored(db, lessonId, cellId, source, basedOn);
      await db.cells.put({ lessonId, cellId, source, updatedAt, ...(starter ? { starter } : {}) });
      return updatedAt;
    }),
  );
}

/** Compare-and-set: a stored version newer than `basedOn` survives as a conflict copy. */
async function keepNewerStored(
  db: LabbookDB,
  lessonId: string,
  cellId: string,
  source: string | null,
  basedOn: number | undefined,
): Promise<number> {
  const stored = await db.cells.get([lessonId, cellId]);
  // Strictly increasing per cell, so two writes in one millisecond still order.
  const now = Math.max(Date.now(), (stored?.updatedAt ?? 0) + 1);
  if (stored && basedOn !== undefined && stored.updatedAt > basedOn && stored.source !== source) {
    const rows = await db.cells.where('lessonId').equals(lessonId).toArray();
    const copy = conflictCopy(lessonId, rows, cellId, stored.source, 'saved in another tab', now);
    if (copy) await db.cells.put(copy);
  }
  return now;
}

export async function getCellSources(
  db: LabbookDB,
  lessonId: string,
): Promise<Map<string, string>> {
  const rows = await guard(() => db.cells.where('lessonId').equals(lessonId).toArray());
  return new Map(rows.map((r) => [r.cellId, r.source]));
}

/** Per lesson cell, the starter version (`starterHash`) the stored edit was based on, if known. */
export async function getCellStarters(
  db: LabbookDB,
  lessonId: string,
): Promise<Map<string, string>> {
  const rows = await guard(() => db.cells.where('lessonId').equals(lessonId).toArray());
  return new Map(rows.flatMap((r) => (r.starter ? [[r.cellId, r.starter] as const] : [])));
}

/** Forgets the student's edit, so the lesson's original shows again (`basedOn` as when saving). */
export async function resetCell(db: LabbookDB, lessonId: string, cellId: string, basedOn?: number) {
  await guard(() =>
    db.transaction('rw', db.cells, async () => {
      await keepNewerStored(db, lessonId, cellId, null, basedOn);
      await db.cells.delete([lessonId, cellId]);
    }),
  );
}

/**
 * What the student revealed of an exercise: extra fields on its row, not indexed, so they need no
 * schema version. Rows written before they existed read as nothing revealed.
 */
export interface ExerciseReveals {
  /** How many of the exercise's hints are shown. */
  hintsShown?: number;
  solutionShown?: boolean;
}
export type ExerciseProgressRow = ExerciseRow & ExerciseReveals;

export async function recordExerciseResult(
  db: LabbookDB,
  lessonId: string,
  exerciseId: string,
  result: { pass: boolean; message: string },
): Promise<ExerciseRow> {
  return guard(() =>
    db.transaction('rw', db.exercises, async () => {
      const now = Date.now();
      const before = await db.exercises.get([lessonId, exerciseId]);
      const row: ExerciseProgressRow = {
        ...before, // keeps what was revealed
        lessonId,
        exerciseId,
        status: result.pass ? 'passed' : 'failed',
        attempts: (before?.attempts ?? 0) + 1,
        lastMessage: result.message,
        passedAt: before?.passedAt ?? (result.pass ? now : null),
        updatedAt: now,
      };
      await db.exercises.put(row);
      return row;
    }),
  );
}

/** Records hints or the solution revealed; reveals only grow, so a late write never hides one. */
export async function recordExerciseReveal(
  db: LabbookDB,
  lessonId: string,
  exerciseId: string,
  reveal: ExerciseReveals,
): Promise<ExerciseProgressRow> {
  return guard(() =>
    db.transaction('rw', db.exercises, async () => {
      const before: ExerciseProgressRow | undefined = await db.exercises.get([
        lessonId,
        exerciseId,
      ]);
      const row: ExerciseProgressRow = {
        ...(before ?? {
          lessonId,
          exerciseId,
          status: 'failed',
          attempts: 0,
          lastMessage: '',
          passedAt: null,
        }),
        hintsShown: Math.max(before?.hintsShown ?? 0, reveal.hintsShown ?? 0),
        solutionShown: Boolean(before?.solutionShown) || Boolean(reveal.solutionShown),
        updatedAt: Date.now(),
      };
      await db.exercises.put(row);
      return row;
    }),
  );
}

export async function getExerciseResults(
  db: LabbookDB,
  lessonId: string,
): Promise<ExerciseProgressRow[]> {
  return guard(() => db.exercises.where('lessonId').equals(lessonId).toArray());
}

export async function markVisited(db: LabbookDB, lessonId: string) {
  await guard(() => db.progress.put({ lessonId, visitedAt: Date.now() }));
}

export async function listProgress(db: LabbookDB) {
  return guard(async () => {
    const [visits, exercises] = await Promise.all([db.progress.toArray(), db.exercises.toArray()]);
    return visits.map((v) => ({
      lessonId: v.lessonId,
      visitedAt: v.visitedAt,
      exercisesPassed: exercises.filter((e) => e.lessonId === v.lessonId && e.passedAt !== null)
        .length,
    }));
  });
}

export async function clearWorkspace(db: LabbookDB) {
  await guard(() =>
    db.transaction('rw', db.tables, () => Promise.all(db.tables.map((t) => t.clear()))),
  );
}
