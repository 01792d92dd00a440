import type { Lesson } from '../lib/lessons/types';
import type { LabbookDB } from '../lib/store/db';
import { buildSubmission, submissionFileName } from '../lib/grading/submission';
import { lessonVersion } from '../lib/grading/lesson-version';
import type { Student, SubmittedCell, SubmittedExercise } from '../lib/grading/types';
import { parseScratchId } from '../lib/notebook/scratch-id';
import { readStudent, writeStudent } from '../lib/store/gradebook-port';
import { dexieTrackingPort } from '../lib/store/tracking-port';
import type { Notebook } from './notebook.svelte';

/**
 * "Submit" on a lesson page: the student's code, outputs and check results as a file they
 * download and hand in. The name is asked once and kept in settings; nothing is sent anywhere.
 */
export class Submitter {
  student = $state<Student | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);
  /** The file name of the last submission made, to say where it went. */
  made = $state<string | null>(null);

  constructor(
    private readonly lesson: Lesson,
    private readonly notebook: Notebook,
    private readonly db: () => Promise<LabbookDB>,
  ) {}

  async load(): Promise<void> {
    this.student = await readStudent(await this.db()).catch(() => null);
  }

  /** Builds the file (storing the student's name first, when given) and returns it. */
  async submit(student: Student): Promise<{ name: string; bytes: Uint8Array } | null> {
    this.busy = true;
    this.error = null;
    try {
      const db = await this.db();
      if (!student.name.trim())
        throw new TypeError('Give your name, so the instructor knows whose work this is.');
      await writeStudent(db, { name: student.name.trim(), id: student.id.trim() });
      this.student = { name: student.name.trim(), id: student.id.trim() };
      const lessonId = this.lesson.meta.id;
      const [stored, cellsStored, runs] = await Promise.all([
        db.exercises.where('lessonId').equals(lessonId).toArray(),
        db.cells.where('lessonId').equals(lessonId).toArray(),
        dexieTrackingPort(db).runs(),
      ]);
      const cells: SubmittedCell[] = [];
      const exercises: SubmittedExercise[] = [];
      for (const cell of this.notebook.cells) {
        if (cell.kind === 'code' || cell.kind === 'exercise')
          cells.push({ id: cell.id, kind: cell.kind, source: cell.source });
        if (cell.kind === 'scratch') {
          const anchor = parseScratchId(cell.id)?.anchorId;
          cells.push({
            id: cell.id,
            kind: 'scratch',
            source: cell.source,
            ...(anchor ? { anchor } : {}),
          });
        }
        if (cell.kind !== 'exercise') continue;
        const row = stored.find((r) => r.exerciseId === cell.id);
        exercises.push({
          id: cell.id,
          source: cell.source,
          outputs: $state.snapshot(cell.outputs),
          check: cell.checkResult ? { ...cell.checkResult } : null,
          attempts: cell.attempts,
          solutionShown: cell.solutionShown,
          checkedAt: row?.updatedAt ?? null,
        });
      }
      const times = [...stored.map((r) => r.updatedAt), ...cellsStored.map((c) => c.updatedAt)];
      const submission = await buildSubmission({
        lesson: {
          id: lessonId,
          title: this.lesson.meta.title,
          version: await lessonVersion(this.lesson),
        },
        student: this.student,
        cells,
        exercises,
        runs: runs.filter((r) => r.source.lessonId === lessonId),
        startedAt: times.length ? Math.min(...times) : null,
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, not state
        now: new Date(),
      });
      const name = submissionFileName(submission);
      this.made = name;
      return { name, bytes: new TextEncoder().encode(JSON.stringify(submission, null, 1)) };
    } catch (error) {
      this.error = (error as Error).message;
      return null;
    } finally {
      this.busy = false;
    }
  }
}
