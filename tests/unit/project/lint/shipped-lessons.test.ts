import { describe, expect, it } from 'vitest';
import { CELL_GLOBALS, declaredByCells, lintSource } from '../../../../src/lib/project/lint';
import { createKernelRuntime } from '../../../../src/lib/kernel/runtime';
import { cellsOf, shippedLessons } from './lesson-cells';

/**
 * Diagnostics a shipped lesson has on purpose, each with why. Anything else on a lesson's cells is
 * noise a student would see on the author's code, so it fails here.
 */
const DELIBERATE = [
  // The cell sends a number JSON cannot hold, to show the API's 422 answer.
  { lesson: 'lessons/10-serving-api/lesson.md', cell: 'bad', ruleId: 'no-loss-of-precision' },
  // The hidden reference the checks compare with is the seeded monolithic notebook, kept as it is:
  // its complexity is what the lesson teaches the student to split up.
  { lesson: 'lessons/16-notebook-to-modules/lesson.md', cell: 'setup-1', ruleId: 'complexity' },
  // A starter stub: its parameter is unused until the student writes the body.
  {
    lesson: 'lessons/23-containers-and-environments/lesson.md',
    cell: 'pins (starter)',
    ruleId: 'no-unused-vars',
  },
];

describe('linting the shipped lessons as a student sees them', () => {
  const found = shippedLessons.flatMap((lesson) => {
    const cells = cellsOf(lesson);
    // Cells share one scope: each sees what every cell of its lesson declares.
    const known = declaredByCells(cells.map((c) => c.source));
    return cells.flatMap((cell) =>
      lintSource(cell.source, { path: cell.name, kind: 'cell', knownGlobals: known }).map((d) => ({
        lesson: cell.lesson,
        cell: cell.name,
        ruleId: d.ruleId,
        at: `${cell.lesson}:${cell.line} ${cell.name} ${d.line}:${d.column} ${d.message}`,
      })),
    );
  });

  it('reads every lesson', () => {
    expect(shippedLessons.length).toBeGreaterThan(10);
  });

  it('finds no "is not defined" and no syntax error in any starter, solution or cell', () => {
    expect(
      found.filter((d) => d.ruleId === 'no-undef' || d.ruleId === null).map((d) => d.at),
    ).toEqual([]);
  });

  it('finds nothing but the deliberate diagnostics', () => {
    const deliberate = (d: (typeof found)[number]) =>
      DELIBERATE.some((x) => x.lesson === d.lesson && x.cell === d.cell && x.ruleId === d.ruleId);
    expect(found.filter((d) => !deliberate(d)).map((d) => d.at)).toEqual([]);
    expect(found.filter(deliberate)).toHaveLength(DELIBERATE.length);
  });

  it('without the names other cells declare, a later cell does get "is not defined"', () => {
    const lesson = shippedLessons.find((l) => l.meta.path.includes('05-data-versioning'))!;
    const undef = cellsOf(lesson).flatMap((cell) =>
      lintSource(cell.source, { path: cell.name, kind: 'cell' }).filter(
        (d) => d.ruleId === 'no-undef',
      ),
    );
    expect(undef.length).toBeGreaterThan(0);
  });

  it('knows every name the kernel gives a cell', async () => {
    const kernel = createKernelRuntime();
    await kernel.reset();
    expect(kernel.completions().filter((name) => !CELL_GLOBALS.includes(name))).toEqual([]);
  });
});
