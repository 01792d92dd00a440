import { parseStudentCellId } from '../lib/notebook/scratch-id';
import type { Lesson } from '../lib/lessons/types';
import { CellState } from './cell.svelte';
import type { Notebook } from './notebook.svelte';

/**
 * `npm run dev`: the author saved the open lesson's lesson.md. Its text and cells are replaced in
 * place, with the same kernel: a cell that keeps its id keeps its outputs, execution count, check
 * result and the student's edit (flagged if its starter changed); new cells start empty; the
 * student's own cells stay under their anchor (at the end if it is gone). Setup is not run again.
 */
export function reloadLesson(notebook: Notebook, lesson: Lesson): void {
  const old = new Map(notebook.cells.map((c) => [c.id, c]));
  const own = notebook.cells.filter((c) => c.own);
  const placed = new Set<CellState>();
  const cells: CellState[] = [];
  for (const block of lesson.blocks) {
    if (block.kind !== 'code' && block.kind !== 'exercise') continue;
    const cell = new CellState({ ...block, kind: block.kind });
    const before = old.get(block.id);
    if (before && !before.own) carryOver(before, cell);
    cells.push(cell);
    for (const mine of own)
      if (parseStudentCellId(mine.id)?.anchorId === block.id) {
        cells.push(mine);
        placed.add(mine);
      }
  }
  cells.push(...own.filter((c) => !placed.has(c)));
  notebook.lesson = lesson;
  notebook.cells = cells;
}

function carryOver(from: CellState, to: CellState): void {
  if (from.source !== from.original) {
    to.source = from.source;
    to.starterChanged = from.starterChanged || from.original !== to.original;
  }
  to.outputs = from.outputs;
  to.executionCount = from.executionCount;
  to.ranSource = from.ranSource;
  to.durationMs = from.durationMs;
  to.checkResult = from.checkResult;
  to.attempts = from.attempts;
  to.hintsShown = Math.min(from.hintsShown, to.hints.length);
  to.solutionShown = from.solutionShown;
}
