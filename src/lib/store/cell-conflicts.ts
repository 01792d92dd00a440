import { parseStudentCellId, studentCellId } from '../notebook/scratch-id';
import type { CellRow } from './schema';

/**
 * When two versions of one cell meet (a workspace merge, or two tabs), the newer stays in the
 * cell and the other becomes a scratch cell right below it, marked with where it came from: the
 * student sees both and loses neither. A note's other version stays a note (Markdown), not code.
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
  const own = parseStudentCellId(cellId);
  const anchor = own?.anchorId ?? cellId;
  const serial = Math.max(
    0,
    ...lessonRows.map((r) => {
      const s = parseStudentCellId(r.cellId);
      return s?.anchorId === anchor ? s.serial : 0;
    }),
  );
  const when = new Date(now).toISOString().replace('T', ' ').slice(0, 16);
  const note = own?.kind === 'note';
  const header = `The other version of this ${note ? 'note' : 'cell'}, ${from} (${when} UTC). The ${note ? 'note' : 'cell'} above has the newer one.`;
  return {
    lessonId,
    cellId: studentCellId(note ? 'note' : 'scratch', anchor, serial + 1),
    source: `${note ? `> ${header}\n\n` : `// ${header}\n`}${source}`,
    updatedAt: now,
  };
}
