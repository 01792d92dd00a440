import { describe, expect, it } from 'vitest';
import { csvCell, gradebookCsv } from '../../../src/lib/grading/csv';
import { feedbackMarkdown } from '../../../src/lib/grading/feedback';
import { gradebookRowId, totalPoints, type GradebookRow } from '../../../src/lib/grading/gradebook';
import { submissionWith } from '../../../scripts/lesson-runner/grade-in-node';
import type { ExerciseResult, Student } from '../../../src/lib/grading/types';
import { lessonOne } from './fixtures';

const lesson = lessonOne();
const ok = (exerciseId: string, pass = true, hiddenPass = true): ExerciseResult => ({
  exerciseId,
  check: { pass, message: pass ? 'Well done.' : 'morning has 12 rows.' },
  hidden: [{ pass: hiddenPass, message: hiddenPass ? 'Well done.' : 'keep every column', line: 9 }],
});

async function row(
  student: Student,
  results: ExerciseResult[],
  manual: GradebookRow['manual'] = {},
): Promise<GradebookRow> {
  const submission = await submissionWith(lesson, student, {});
  return {
    id: gradebookRowId(lesson.meta.id, student),
    lessonId: lesson.meta.id,
    student,
    file: 'x.submission.json',
    importedAt: 0,
    submission,
    hashOk: true,
    outcome: { exercises: results, cellErrors: [] },
    gradedAt: 1,
    error: null,
    manual,
    updatedAt: 1,
  };
}

describe('points, the LMS CSV and feedback files', () => {
  it('gives an exercise its points only when its check and every hidden check pass; manual points win', async () => {
    const all = await row({ name: 'Ada', id: '1' }, [ok('longest-trip'), ok('rush-hour')]);
    const hiddenFails = await row({ name: 'Bo', id: '2' }, [
      ok('longest-trip'),
      ok('rush-hour', true, false),
    ]);
    const manual = await row(
      { name: 'Cy', id: '3' },
      [ok('longest-trip'), ok('rush-hour', false)],
      {
        'rush-hour': { points: 0.5, comment: 'Right idea.' },
      },
    );
    expect([all, hiddenFails, manual].map((r) => totalPoints(r, lesson))).toEqual([2, 1, 1.5]);
  });

  it('writes one row per student, a column per exercise and the total, and escapes formulas', async () => {
    const rows = [
      await row({ name: '=HYPERLINK("http://evil.example","click")', id: '+41 1' }, [
        ok('longest-trip'),
        ok('rush-hour', false),
      ]),
      await row({ name: 'Ada, Countess', id: 's-1' }, [ok('longest-trip'), ok('rush-hour')]),
    ];
    const csv = gradebookCsv(lesson, rows[0]!.submission.lesson.version, rows);
    expect(csv.split('\r\n')).toEqual([
      'Student,Student ID,The longest trip (1),Morning rush hour (1),Total,Flags',
      '"\'=HYPERLINK(""http://evil.example"",""click"")",\'+41 1,1,0,1,',
      '"Ada, Countess",s-1,1,1,2,',
      '',
    ]);
    expect(['@SUM(A1)', '-2+3', '\t=1', 'plain'].map(csvCell)).toEqual([
      "'@SUM(A1)",
      "'-2+3",
      "'\t=1",
      'plain',
    ]);
  });

  it("writes each student's feedback with points, messages and comments, the name as text", async () => {
    const r = await row(
      { name: 'Eve [x](javascript:alert(1))', id: '9' },
      [ok('longest-trip'), ok('rush-hour', true, false)],
      {
        'longest-trip': { comment: 'Neat **rollup**.' },
      },
    );
    const text = feedbackMarkdown(lesson, r.submission.lesson.version, r);
    expect(text).toContain('- Student: Eve \\[x\\](javascript:alert(1)) (9)');
    expect(text).toContain('- Points: **1** of 2');
    expect(text).toContain('## The longest trip: 1 of 1');
    expect(text).toContain('**Comment:** Neat \\*\\*rollup\\*\\*.');
    expect(text).toContain('## Morning rush hour: 0 of 1');
    expect(text).toContain('- Hidden check 1: not passed: keep every column');
  });
});
