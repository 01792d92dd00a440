import type { Lesson } from '../lessons/types';
import {
  cellPoints,
  exercisesOf,
  FLAG_TEXT,
  flagsOf,
  totalPoints,
  type GradebookRow,
} from './gradebook';

/**
 * A text cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, or a tab or
 * carriage return before one) gets a leading apostrophe, as OWASP advises; then RFC 4180 quoting.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The gradebook for an LMS: one row per student, one column per exercise (its points, manual
 * points where given) and the total; flags in the last column. CRLF line ends, as RFC 4180 says
 * and spreadsheet imports expect.
 */
export function gradebookCsv(
  lesson: Lesson,
  version: string,
  rows: readonly GradebookRow[],
): string {
  const exercises = exercisesOf(lesson);
  const header = [
    'Student',
    'Student ID',
    ...exercises.map((e) => `${e.title} (${e.points})`),
    'Total',
    'Flags',
  ];
  const lines = [header.map(csvCell).join(',')];
  const ordered = [...rows].sort((a, b) => a.student.name.localeCompare(b.student.name));
  for (const row of ordered)
    lines.push(
      [
        row.student.name,
        row.student.id,
        ...exercises.map((e) => cellPoints(row, e)),
        totalPoints(row, lesson),
        flagsOf(row, version)
          .map((f) => FLAG_TEXT[f])
          .join('; '),
      ]
        .map(csvCell)
        .join(','),
    );
  return lines.join('\r\n') + '\r\n';
}
