import { parseScratchId, scratchId } from '../notebook/scratch-id';
import type { CellRow } from './schema';

/**
 * When two versions of one cell meet (a workspace merge, or two tabs), the newer stays in the
 * cell and the other becomes a scratch cell right below it, marked with where it came from: the
 * student sees both and loses neither.
 */
export function conflictCopy(
  lessonId: string,
  lessonRows: readonly CellRow[],
  cellId: string,
  source: string,
  from: string,
  now: number,
): CellRow | undefined {
  if (source.trim() === '') return undefined;
  // Merging the same file twice must not pile up copies of the same text.
  const kept = (r: CellRow) => r.source === source || r.source.endsWith(`\n${source}`);
  if (lessonRows.some((r) => r.cellId !== cellId && kept(r))) return undefined;
  const anchor = parseScratchId(cellId)?.anchorId ?? cellId;
  const serial = Math.max(
    0,
    ...lessonRows.map((r) => {
      const s = parseScratchId(r.cellId);
      return s?.anchorId === anchor ? s.serial : 0;
    }),
  );
  const when = new Date(now).toISOString().replace('T', ' ').slice(0, 16);
  return {
    lessonId,
    cellId: scratchId(anchor, serial + 1),
    source: `// The other version of this cell, ${from} (${when} UTC). The cell above has the newer one.\n${source}`,
    updatedAt: now,
  };
}
