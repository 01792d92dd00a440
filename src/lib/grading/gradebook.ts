import type { Block, Lesson } from '../lessons/types';
import type { ExerciseResult, StudentOutcome, Student, Submission } from './types';
import { slug } from './submission';

type Exercise = Extract<Block, { kind: 'exercise' }>;

/** What the instructor added to one cell of the table. */
export interface ManualGrade {
  /** Replaces the automatic points when set. */
  points?: number;
  comment?: string;
}

/** Why a row deserves a second look, beside its points. */
export type GradebookFlag = 'hash-mismatch' | 'other-version' | 'claimed-pass';

/** One student's submission of one lesson, with its grading: a row of the `gradebook` table. */
export interface GradebookRow {
  /** `<lesson-id>~<student>`: a later submission of the same student replaces the earlier. */
  id: string;
  lessonId: string;
  student: Student;
  file: string;
  importedAt: number;
  submission: Submission;
  hashOk: boolean;
  outcome: StudentOutcome | null;
  gradedAt: number | null;
  /** Why grading this student failed (the kernel crashed), if it did. */
  error: string | null;
  manual: Record<string, ManualGrade>;
  updatedAt: number;
}

export function gradebookRowId(lessonId: string, student: Student): string {
  return `${lessonId}~${slug(student.id) || slug(student.name) || 'student'}`;
}

export function exercisesOf(lesson: Lesson): Exercise[] {
  return lesson.blocks.filter((b): b is Exercise => b.kind === 'exercise');
}

export function passed(result: ExerciseResult | undefined): boolean {
  return !!result && result.check.pass && result.hidden.every((h) => h.pass);
}

/** The exercise's points: the instructor's if given, else all of them when every check passed. */
export function cellPoints(row: GradebookRow, exercise: Exercise): number | null {
  const manual = row.manual[exercise.id]?.points;
  if (manual !== undefined) return manual;
  if (!row.outcome) return null;
  const result = row.outcome.exercises.find((e) => e.exerciseId === exercise.id);
  return passed(result) ? exercise.points : 0;
}

export function totalPoints(row: GradebookRow, lesson: Lesson): number | null {
  let total = 0;
  for (const exercise of exercisesOf(lesson)) {
    const points = cellPoints(row, exercise);
    if (points === null) return null;
    total += points;
  }
  return Math.round(total * 100) / 100;
}

export function maxPoints(lesson: Lesson): number {
  return exercisesOf(lesson).reduce((sum, e) => sum + e.points, 0);
}

/**
 * Why a row needs a look: its file was changed after the Labbook wrote it, it was made against
 * another version of the lesson, or it says an exercise passed that fails when run again.
 */
export function flagsOf(row: GradebookRow, version: string): GradebookFlag[] {
  const flags: GradebookFlag[] = [];
  if (!row.hashOk) flags.push('hash-mismatch');
  if (row.submission.lesson.version !== version) flags.push('other-version');
  const claimed = row.submission.exercises.some(
    (e) =>
      e.check?.pass &&
      row.outcome &&
      !row.outcome.exercises.find((r) => r.exerciseId === e.id)?.check.pass,
  );
  if (claimed) flags.push('claimed-pass');
  return flags;
}

export const FLAG_TEXT: Record<GradebookFlag, string> = {
  'hash-mismatch': 'the file was changed after it was downloaded (its content hash does not match)',
  'other-version':
    'submitted against another version of the lesson; graded against the current one',
  'claimed-pass':
    'the file says an exercise passed that fails when run again (graded on the rerun)',
};
