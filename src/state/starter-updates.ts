import { starterHash } from '../lib/notebook/starter-hash';
import type { CellState } from './cell.svelte';
import type { Notebook } from './notebook.svelte';

/**
 * Author changes reaching students: each saved edit of a lesson cell records which version of
 * the lesson's starter it was based on. When the lesson's starter later differs, the cell says
 * so, shows the student's code beside the new starter, and offers it, keeping theirs.
 */

/** The starter version to store with an edit of `cellId`: none for the student's own cells. */
export function starterOf(cells: () => readonly CellState[]) {
  return (cellId: string): string | undefined => {
    const cell = cells().find((c) => c.id === cellId);
    return cell && !cell.own ? starterHash(cell.original) : undefined;
  };
}

/**
 * Marks the cells whose stored edit was based on another starter than the lesson's now. Edits
 * stored before versions were kept have none: whether their starter changed cannot be told.
 */
export function markChangedStarters(
  cells: readonly CellState[],
  starters: ReadonlyMap<string, string> | readonly [string, string][],
): void {
  const byCell = new Map(starters);
  for (const cell of cells) {
    const basedOn = byCell.get(cell.id);
    cell.starterChanged =
      !cell.own &&
      basedOn !== undefined &&
      basedOn !== starterHash(cell.original) &&
      cell.source !== cell.original;
  }
}

/**
 * Puts the lesson's new starter in the cell. The student's code goes to a scratch cell just
 * below it first, stored like any edit, so nothing is lost; returns that cell.
 */
export function useNewStarter(notebook: Notebook, cell: CellState): CellState {
  const kept = notebook.insertScratchAfter(cell);
  notebook.edit(kept, `// Your code, before you took the lesson's new starter:\n${cell.source}`);
  notebook.resetCell(cell);
  cell.starterChanged = false;
  return kept;
}
