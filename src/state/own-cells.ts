import { parseStudentCellId } from '../lib/notebook/scratch-id';
import type { CellState } from './cell.svelte';

/**
 * Places a stored scratch or note cell in `cells`: after its anchor and the student's cells
 * already there with a lower serial, or at the end when its anchor is gone.
 */
export function placeOwnCell(cells: CellState[], cell: CellState): void {
  const own = parseStudentCellId(cell.id);
  const anchorAt = own ? cells.findIndex((c) => c.id === own.anchorId) : -1;
  if (!own || anchorAt < 0) {
    cells.push(cell);
    return;
  }
  let at = anchorAt + 1;
  for (; at < cells.length; at++) {
    const next = parseStudentCellId(cells[at]!.id);
    if (!next || next.anchorId !== own.anchorId || next.serial > own.serial) break;
  }
  cells.splice(at, 0, cell);
}
