import { lessonVersion } from '../../src/lib/grading/lesson-version';
import { buildSubmission } from '../../src/lib/grading/submission';
import type { Student, Submission } from '../../src/lib/grading/types';
import type { Lesson } from '../../src/lib/lessons/types';

/** A submission as the lesson page would write it, with `code` for some exercises and cells. */
export async function submissionWith(
  lesson: Lesson,
  student: Student,
  code: Record<string, string>,
  extra: Partial<Pick<Submission, 'cells'>> = {},
): Promise<Submission> {
  const cells = lesson.blocks.flatMap((b) =>
    b.kind === 'code' || b.kind === 'exercise'
      ? [{ id: b.id, kind: b.kind, source: code[b.id] ?? b.source }]
      : [],
  );
  const exercises = lesson.blocks.flatMap((b) =>
    b.kind === 'exercise'
      ? [
          {
            id: b.id,
            source: code[b.id] ?? b.source,
            outputs: [],
            check: null,
            attempts: 0,
            solutionShown: false,
            checkedAt: null,
          },
        ]
      : [],
  );
  return buildSubmission({
    lesson: { id: lesson.meta.id, title: lesson.meta.title, version: await lessonVersion(lesson) },
    student,
    cells: [...cells, ...(extra.cells ?? [])],
    exercises,
    runs: [],
    startedAt: null,
    now: new Date('2026-12-06T10:00:00Z'),
  });
}

/** Every exercise's solution as its code. */
export function solutions(lesson: Lesson): Record<string, string> {
  return Object.fromEntries(
    lesson.blocks.flatMap((b) => (b.kind === 'exercise' ? [[b.id, b.solution]] : [])),
  );
}
