import type { Lesson } from '../lib/lessons/types';
import { recordProgress, startProgress, type ProgressLog } from '../lib/progress/estimate';
import { formatLessonError } from '../lib/lessons/errors';
import { GradingError } from '../lib/grading/errors';
import { gradebookRowId, type GradebookRow, type ManualGrade } from '../lib/grading/gradebook';
import { parseGradingPack } from '../lib/grading/grading-pack';
import { lessonVersion } from '../lib/grading/lesson-version';
import { MAX_SUBMISSION_BYTES, readSubmission } from '../lib/grading/read-submission';
import type { GradingPack } from '../lib/grading/types';
import type { GradebookPort } from '../lib/store/gradebook-port';
import type { GradingBridge } from '../bridges/grading-bridge';

/**
 * The Gradebook of one lesson: its imported submissions, the grading pack, grading runs (in the
 * bridge's workers) and the instructor's manual points, every change stored before it shows.
 */
export class Gradebook {
  // Raw: lessons, rows and packs are replaced whole, never mutated, and cross to the grading
  // workers and IndexedDB, which cannot clone a reactive proxy.
  lesson = $state.raw<Lesson | null>(null);
  version = $state('');
  rows = $state.raw<GradebookRow[]>([]);
  pack = $state.raw<GradingPack | null>(null);
  /** File-by-file refusals of the last import, each naming its file. */
  problems = $state<string[]>([]);
  /** Submissions graded over time, for the bar's elapsed time and estimate; null when idle. */
  progress = $state.raw<ProgressLog | null>(null);
  error = $state<string | null>(null);
  #abort: AbortController | null = null;

  constructor(
    private readonly port: () => Promise<GradebookPort>,
    private readonly bridge: GradingBridge,
  ) {}

  get grading(): boolean {
    return this.progress !== null;
  }

  async open(lesson: Lesson): Promise<void> {
    this.lesson = lesson;
    this.version = await lessonVersion(lesson);
    const port = await this.port();
    this.rows = sortRows(await port.rows(lesson.meta.id));
    const stored = await port.pack(lesson.meta.id);
    const read = stored && parseGradingPack(stored.source, stored.file, [lesson]);
    this.pack = read && read.ok ? read.pack : null;
    this.problems = read && !read.ok ? read.errors.map(formatLessonError) : [];
  }

  /** Reads every file; good ones replace the same student's earlier submission, with its comments. */
  async importSubmissions(files: readonly File[]): Promise<void> {
    const lesson = this.lesson;
    if (!lesson) return;
    const problems: string[] = [];
    // A local lookup, not reactive state: the rows shown change once, in #store.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const added = new Map<string, GradebookRow>();
    for (const file of files) {
      if (file.size > MAX_SUBMISSION_BYTES) {
        problems.push(
          `${file.name}: the file is ${(file.size / 1024 / 1024).toFixed(1)} MB; a submission is at most ${MAX_SUBMISSION_BYTES / 1024 / 1024} MB.`,
        );
        continue;
      }
      const read = await readSubmission(new Uint8Array(await file.arrayBuffer()), file.name);
      if (read instanceof GradingError) {
        problems.push(read.message);
        continue;
      }
      const { submission, hashOk } = read;
      if (submission.lesson.id !== lesson.meta.id) {
        problems.push(
          `${file.name}: this is a submission of lesson "${submission.lesson.id}", not of "${lesson.meta.id}". Choose that lesson above, then import it.`,
        );
        continue;
      }
      const id = gradebookRowId(lesson.meta.id, submission.student);
      const earlier = added.get(id) ?? this.rows.find((r) => r.id === id);
      const now = Date.now();
      added.set(id, {
        id,
        lessonId: lesson.meta.id,
        student: submission.student,
        file: file.name,
        importedAt: now,
        submission,
        hashOk,
        outcome: null,
        gradedAt: null,
        error: null,
        manual: earlier?.manual ?? {},
        updatedAt: now,
      });
    }
    this.problems = problems;
    if (added.size === 0) return;
    await this.#store([...added.values()]);
  }

  async importPack(file: File): Promise<void> {
    const lesson = this.lesson;
    if (!lesson) return;
    const source = await file.text();
    const read = parseGradingPack(source, file.name, [lesson]);
    if (!read.ok) {
      this.problems = read.errors.map(formatLessonError);
      return;
    }
    await (await this.port()).setPack(lesson.meta.id, { file: file.name, source });
    this.pack = read.pack;
    this.problems = [];
  }

  async removePack(): Promise<void> {
    if (!this.lesson) return;
    await (await this.port()).setPack(this.lesson.meta.id, null);
    this.pack = null;
  }

  /** Re-executes every submission (or those `ids`), storing each student's result as it comes. */
  async grade(ids?: readonly string[]): Promise<void> {
    const lesson = this.lesson;
    if (!lesson || this.#abort) return;
    const rows = this.rows.filter((r) => !ids || ids.includes(r.id));
    const abort = new AbortController();
    this.#abort = abort;
    this.progress = startProgress(rows.length, 'submissions', Date.now());
    let done = 0;
    this.error = null;
    try {
      await this.bridge.gradeAll(
        lesson,
        this.pack,
        rows.map((r) => r.submission),
        {
          signal: abort.signal,
          onResult: (index, result) => {
            const row = this.rows.find((r) => r.id === rows[index]!.id) ?? rows[index]!;
            const graded: GradebookRow =
              result instanceof GradingError
                ? {
                    ...row,
                    outcome: null,
                    error: result.message,
                    gradedAt: Date.now(),
                    updatedAt: Date.now(),
                  }
                : {
                    ...row,
                    outcome: result,
                    error: null,
                    gradedAt: Date.now(),
                    updatedAt: Date.now(),
                  };
            void this.#store([graded]).catch((e: unknown) => (this.error = (e as Error).message));
            if (this.progress) this.progress = recordProgress(this.progress, ++done, Date.now());
          },
        },
      );
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.#abort = null;
      this.progress = null;
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }

  async setManual(rowId: string, exerciseId: string, grade: ManualGrade): Promise<void> {
    const row = this.rows.find((r) => r.id === rowId);
    if (!row) return;
    const manual = { ...row.manual, [exerciseId]: { ...row.manual[exerciseId], ...grade } };
    const entry = manual[exerciseId]!;
    if (entry.points === undefined) delete entry.points;
    if (!entry.comment) delete entry.comment;
    await this.#store([{ ...row, manual, updatedAt: Date.now() }]);
  }

  async remove(rowId: string): Promise<void> {
    await (await this.port()).remove([rowId]);
    this.rows = this.rows.filter((r) => r.id !== rowId);
  }

  /** Stored first, shown after: a row on screen is a row in IndexedDB. */
  async #store(rows: GradebookRow[]): Promise<void> {
    await (await this.port()).put(rows);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, assigned whole below
    const byId = new Map(this.rows.map((r) => [r.id, r]));
    for (const row of rows) byId.set(row.id, row);
    this.rows = sortRows([...byId.values()]);
  }
}

const sortRows = (rows: GradebookRow[]) =>
  rows.sort((a, b) => a.student.name.localeCompare(b.student.name) || a.id.localeCompare(b.id));
