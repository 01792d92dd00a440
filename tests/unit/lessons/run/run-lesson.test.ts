import { describe, expect, it } from 'vitest';
import { formatLessonError, parseLesson, type Lesson } from '../../../../src/lib/lessons';
import { runLessonInNode } from '../../../../scripts/lesson-runner/run-lessons';

const HEAD = '---\nid: sample\ntitle: S\nsummary: S.\nobjectives: [a]\nminutes: 5\n---\n';
const fence = (info: string, body: string) => `\n\`\`\`${info}\n${body}\n\`\`\`\n`;

function lesson(parts: { cell?: string; starter?: string; check?: string; solution?: string }) {
  const source =
    HEAD +
    fence('js id=data', parts.cell ?? 'const xs = [1, 2, 3];') +
    fence('js exercise id=total title="Total"', parts.starter ?? 'const total = 0;') +
    fence(
      'js check for=total',
      parts.check ?? "expect(typeof total === 'number', 'Define total.');\nreturn total === 6;",
    ) +
    fence('js solution for=total', parts.solution ?? 'const total = xs.reduce((a, b) => a + b);');
  const result = parseLesson(source, 'lessons/01-sample/lesson.md');
  if (!result.ok) throw new TypeError(result.errors.map(formatLessonError).join('\n'));
  return result.lesson;
}

const run = async (l: Lesson) => (await runLessonInNode(l)).map(formatLessonError);

describe('runLesson', () => {
  it('passes a lesson whose starters fail and whose solutions pass', async () => {
    expect(await run(lesson({}))).toEqual([]);
  });

  it('names lesson, exercise and the check message when a solution fails', async () => {
    expect(await run(lesson({ solution: 'const total = 5;' }))).toEqual([
      'lessons/01-sample/lesson.md:13:1 error LESSON_RUN_SOLUTION_FAILS: Lesson "sample", exercise "total": the solution does not pass the check: the check did not pass. Read the exercise again and rerun your cell.',
    ]);
    expect(await run(lesson({ solution: 'const total = "6";' }))).toEqual([
      expect.stringMatching(
        /exercise "total": the solution does not pass the check: Define total\.$/,
      ),
    ]);
  });

  it('reports a starter that already passes, and a check that throws', async () => {
    expect(await run(lesson({ starter: 'const total = 6;' }))).toEqual([
      expect.stringMatching(
        /:13:1 error LESSON_RUN_STARTER_PASSES: Lesson "sample", exercise "total": the check passes on the starter code/,
      ),
    ]);
    expect(await run(lesson({ check: 'return nothing.here === 6;' }))).toEqual([
      expect.stringMatching(
        /LESSON_RUN_CHECK_RAISED: .*exercise "total": on the starter code, the check itself raised: .*nothing/,
      ),
      expect.stringMatching(/LESSON_RUN_SOLUTION_FAILS/),
    ]);
  });

  it('stops at the first cell that throws, naming it', async () => {
    expect(await run(lesson({ cell: 'null.x;' }))).toEqual([
      expect.stringMatching(
        /:9:1 error LESSON_RUN_CELL_ERROR: Lesson "sample", cell "data" throws: /,
      ),
    ]);
    expect(await run(lesson({ solution: 'throw new RangeError("no");' }))).toEqual([
      expect.stringMatching(/LESSON_RUN_CELL_ERROR: .*exercise "total": the solution throws: no/),
    ]);
  });
});
