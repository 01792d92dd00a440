import type { Lesson } from '../lessons/types';
import {
  cellPoints,
  exercisesOf,
  FLAG_TEXT,
  flagsOf,
  maxPoints,
  totalPoints,
  type GradebookRow,
} from './gradebook';

/** Student text in Markdown: shown as typed, never as links, emphasis, code or HTML. */
const md = (text: string) => text.replace(/[\\`*_[\]<>|~]/g, '\\$&');
/** A check's message on one line of a list, as typed. */
const quote = (text: string) => md(text.replace(/\s*\n\s*/g, ' '));

/** The feedback file one student gets back: points, check messages, comments (Markdown). */
export function feedbackMarkdown(lesson: Lesson, version: string, row: GradebookRow): string {
  const total = totalPoints(row, lesson);
  const out = [
    `# Feedback: ${md(lesson.meta.title)}`,
    '',
    `- Student: ${md(row.student.name)}${row.student.id ? ` (${md(row.student.id)})` : ''}`,
    `- Submitted: ${md(row.submission.submittedAt)}`,
    `- Points: **${total ?? 'not graded yet'}** of ${maxPoints(lesson)}`,
    '',
  ];
  const flags = flagsOf(row, version);
  if (flags.length) out.push(...flags.map((f) => `> Note: ${FLAG_TEXT[f]}.`), '');
  if (row.error) out.push(`> Grading could not finish: ${quote(row.error)}`, '');
  for (const exercise of exercisesOf(lesson)) {
    const result = row.outcome?.exercises.find((e) => e.exerciseId === exercise.id);
    const points = cellPoints(row, exercise);
    out.push(`## ${md(exercise.title)}: ${points ?? '–'} of ${exercise.points}`, '');
    if (result) {
      out.push(
        `- Check: ${result.check.pass ? 'passed' : 'not passed'}: ${quote(result.check.message)}`,
      );
      result.hidden.forEach((h, i) =>
        out.push(
          `- Hidden check ${i + 1}: ${h.pass ? 'passed' : `not passed: ${quote(h.message)}`}`,
        ),
      );
    }
    const comment = row.manual[exercise.id]?.comment?.trim();
    if (comment) out.push('', `**Comment:** ${md(comment)}`);
    out.push('');
  }
  const broken = row.outcome?.cellErrors ?? [];
  if (broken.length) {
    out.push('## Cells that did not run', '');
    for (const c of broken) out.push(`- \`${c.cellId.replace(/`/g, '')}\` ${quote(c.message)}`);
    out.push('');
  }
  return out.join('\n');
}
