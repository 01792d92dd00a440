import type { Output } from '../kernel/outputs';
import type { Run } from '../tracking/types';
import { contentHash } from './content-hash';
import {
  SUBMISSION_FORMAT,
  SUBMISSION_FORMAT_VERSION,
  type RunSummary,
  type Student,
  type SubmittedCell,
  type SubmittedExercise,
  type Submission,
} from './types';

/** Outputs are for the instructor to read, not to grade: kept short so a file stays small. */
const MAX_OUTPUTS = 20;
const MAX_TEXT = 20_000;
const MAX_ROWS = 20;
const MAX_RUNS = 50;

export interface SubmissionInput {
  lesson: { id: string; title: string; version: string };
  student: Student;
  cells: SubmittedCell[];
  exercises: SubmittedExercise[];
  runs: Run[];
  startedAt: number | null;
  now: Date;
}

/** The submission file's content, its hash over everything else included. */
export async function buildSubmission(input: SubmissionInput): Promise<Submission> {
  const body: Omit<Submission, 'hash'> = {
    format: SUBMISSION_FORMAT,
    formatVersion: SUBMISSION_FORMAT_VERSION,
    lesson: input.lesson,
    student: { name: input.student.name.trim(), id: input.student.id.trim() },
    submittedAt: input.now.toISOString(),
    startedAt: input.startedAt,
    cells: input.cells,
    exercises: input.exercises.map((e) => ({ ...e, outputs: clipOutputs(e.outputs) })),
    runs: summariseRuns(input.runs),
  };
  return { ...body, hash: await contentHash(body) };
}

/** Whether the file's hash is the hash of its content: false for a file edited by hand. */
export async function hashMatches(submission: Submission): Promise<boolean> {
  const { hash, ...body } = submission;
  return hash === (await contentHash(body));
}

/** `Ada Lovelace` + `how-this-notebook-works` → `how-this-notebook-works-ada-lovelace.json`. */
export function submissionFileName(submission: Pick<Submission, 'lesson' | 'student'>): string {
  const who = slug(submission.student.id || submission.student.name) || 'student';
  return `${submission.lesson.id}-${who}.submission.json`;
}

export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

function clip(text: string): string {
  return text.length <= MAX_TEXT
    ? text
    : `${text.slice(0, MAX_TEXT)}\n… (${text.length - MAX_TEXT} more characters left out of the submission)`;
}

export function clipOutputs(outputs: readonly Output[]): Output[] {
  return outputs.slice(0, MAX_OUTPUTS).map((o): Output => {
    switch (o.type) {
      case 'stream':
        return { ...o, text: clip(o.text) };
      case 'value':
      case 'markdown':
        return { ...o, text: clip(o.text) };
      case 'error':
        return { ...o, message: clip(o.message) };
      case 'table':
        return { ...o, rows: o.rows.slice(0, MAX_ROWS) };
      case 'plot':
      case 'html':
        return o.html.length <= MAX_TEXT
          ? o
          : {
              type: 'value',
              text: `(a ${o.type} of ${o.html.length} characters, left out of the submission)`,
            };
      case 'rich':
        return { type: 'value', text: `(a ${o.kind} output, left out of the submission)` };
    }
  });
}

function summariseRuns(runs: readonly Run[]): Submission['runs'] {
  const live = runs.filter((r) => r.deletedAt === null).sort((a, b) => a.startTime - b.startTime);
  const shown = live.slice(-MAX_RUNS).map((r): RunSummary => ({
    name: r.name,
    status: r.status,
    startTime: r.startTime,
    metrics: Object.fromEntries(Object.entries(r.metrics).map(([k, m]) => [k, m.value])),
  }));
  return { total: live.length, shown };
}
