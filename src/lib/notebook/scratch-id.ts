/**
 * The student's own cells sit below a lesson cell: scratch cells of code (Alt+Enter) and note cells
 * of Markdown. They are stored like edits of lesson cells, under an id that records their kind and
 * the cell they follow, so a lesson that is later reordered still puts them in the right place (or
 * at the end if their anchor is gone), and a workspace export, import or merge carries them as it
 * carries any edit.
 */
export type StudentCellKind = 'scratch' | 'note';

const PREFIXES: Record<StudentCellKind, string> = { scratch: 'scratch~', note: 'note~' };

export interface StudentCellId {
  kind: StudentCellKind;
  anchorId: string;
  serial: number;
}

export function studentCellId(kind: StudentCellKind, anchorId: string, serial: number): string {
  return `${PREFIXES[kind]}${anchorId}~${serial}`;
}

export function parseStudentCellId(id: string): StudentCellId | null {
  for (const kind of ['scratch', 'note'] as const) {
    const prefix = PREFIXES[kind];
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    const cut = rest.lastIndexOf('~');
    const serial = Number(rest.slice(cut + 1));
    if (cut <= 0 || !/^\d+$/.test(rest.slice(cut + 1)) || !Number.isSafeInteger(serial))
      return null;
    return { kind, anchorId: rest.slice(0, cut), serial };
  }
  return null;
}

export function scratchId(anchorId: string, serial: number): string {
  return studentCellId('scratch', anchorId, serial);
}

export function parseScratchId(id: string): { anchorId: string; serial: number } | null {
  const parsed = parseStudentCellId(id);
  return parsed?.kind === 'scratch' ? { anchorId: parsed.anchorId, serial: parsed.serial } : null;
}

export function noteId(anchorId: string, serial: number): string {
  return studentCellId('note', anchorId, serial);
}

export function parseNoteId(id: string): { anchorId: string; serial: number } | null {
  const parsed = parseStudentCellId(id);
  return parsed?.kind === 'note' ? { anchorId: parsed.anchorId, serial: parsed.serial } : null;
}
