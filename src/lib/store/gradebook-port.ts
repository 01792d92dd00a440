import type { GradebookRow } from '../grading/gradebook';
import type { LabbookDB } from './db';
import { guard } from './errors';
import { readSetting, writeSetting } from './settings';
import type { Student } from '../grading/types';

/** The Gradebook's storage: rows in `gradebook` (schema v8), grading packs and the student in settings. */
export interface GradebookPort {
  rows(lessonId: string): Promise<GradebookRow[]>;
  put(rows: GradebookRow[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** The instructor's grading pack of a lesson, as imported (file name and text). */
  pack(lessonId: string): Promise<{ file: string; source: string } | null>;
  setPack(lessonId: string, pack: { file: string; source: string } | null): Promise<void>;
}

const packKey = (lessonId: string) => `grading.pack.${lessonId}`;

export function dexieGradebookPort(db: LabbookDB): GradebookPort {
  return {
    rows: (lessonId) => guard(() => db.gradebook.where('lessonId').equals(lessonId).toArray()),
    put: (rows) => guard(async () => void (await db.gradebook.bulkPut(rows))),
    remove: (ids) => guard(() => db.gradebook.bulkDelete(ids)),
    pack: (lessonId) => readSetting(db, packKey(lessonId), null),
    setPack: (lessonId, pack) => writeSetting(db, packKey(lessonId), pack),
  };
}

const STUDENT_KEY = 'grading.student';

/** The name and id the student gave at their first Submit, asked once and kept. */
export async function readStudent(db: LabbookDB): Promise<Student | null> {
  const stored = await readSetting<Partial<Student> | null>(db, STUDENT_KEY, null);
  return stored && typeof stored.name === 'string' && typeof stored.id === 'string'
    ? { name: stored.name, id: stored.id }
    : null;
}

export function writeStudent(db: LabbookDB, student: Student): Promise<void> {
  return writeSetting(db, STUDENT_KEY, student);
}
