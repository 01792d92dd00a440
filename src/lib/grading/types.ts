import type { Output } from '../kernel/outputs';

/** What a student's file says it is: checked before anything in it is read. */
export const SUBMISSION_FORMAT = 'mlops-labbook-submission';
export const SUBMISSION_FORMAT_VERSION = 1;

export interface Student {
  name: string;
  /** The id the course's LMS knows the student by (matriculation number, e-mail…). */
  id: string;
}

/** One cell of the student's notebook, in page order: what grading runs again. */
export interface SubmittedCell {
  id: string;
  kind: 'code' | 'exercise' | 'scratch';
  /** For a scratch cell: the lesson cell it sits under (it runs right after that cell). */
  anchor?: string;
  source: string;
}

/** One exercise as the student left it. The check result is informative only: grading reruns. */
export interface SubmittedExercise {
  id: string;
  source: string;
  outputs: Output[];
  check: { pass: boolean; message: string } | null;
  attempts: number;
  solutionShown: boolean;
  /** When the exercise was last checked (ms since epoch), if it was. */
  checkedAt: number | null;
}

/** A run the student tracked in this lesson: name, status and last metric values. */
export interface RunSummary {
  name: string;
  status: string;
  startTime: number;
  metrics: Record<string, number>;
}

export interface Submission {
  format: typeof SUBMISSION_FORMAT;
  formatVersion: typeof SUBMISSION_FORMAT_VERSION;
  lesson: { id: string; title: string; version: string };
  student: Student;
  /** ISO time the file was made. */
  submittedAt: string;
  /** The earliest work of this lesson still on record in the student's browser (ms), if any. */
  startedAt: number | null;
  cells: SubmittedCell[];
  exercises: SubmittedExercise[];
  runs: { total: number; shown: RunSummary[] };
  /** `sha256-<hex>` of the canonical JSON of every other field. */
  hash: string;
}

/** A hidden check from the instructor's grading pack. */
export interface HiddenCheck {
  exerciseId: string;
  source: string;
  /** What a failure says when the check returns false (`hint=`). */
  hint?: string;
  line: number;
}

export interface GradingPack {
  lessonId: string;
  file: string;
  checks: HiddenCheck[];
}

/** The re-executed result of one exercise for one student. */
export interface ExerciseResult {
  exerciseId: string;
  /** The lesson's own check, run on the student's code. */
  check: { pass: boolean; message: string };
  /** Each hidden check, in pack order. */
  hidden: { pass: boolean; message: string; line: number }[];
  /** The exercise's cell or check did not finish within the time allowed. */
  timedOut?: boolean;
}

/** What re-executing one student's notebook gave. */
export interface StudentOutcome {
  exercises: ExerciseResult[];
  /** Cells (not exercises) that threw or never finished: they explain later failures. */
  cellErrors: { cellId: string; message: string }[];
}
