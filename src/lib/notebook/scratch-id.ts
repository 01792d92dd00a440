/**
 * Scratch cells are the student's own cells inserted below a lesson cell (Alt+Enter). They are
 * stored like edits of lesson cells, under an id that records the cell they follow, so a lesson
 * that is later reordered still puts them in the right place (or at the end if their anchor is gone).
 */
const PREFIX = 'scratch~';

export function scratchId(anchorId: string, serial: number): string {
  return `${PREFIX}${anchorId}~${serial}`;
}

export function parseScratchId(id: string): { anchorId: string; serial: number } | null {
  if (!id.startsWith(PREFIX)) return null;
  const rest = id.slice(PREFIX.length);
  const cut = rest.lastIndexOf('~');
  const serial = Number(rest.slice(cut + 1));
  if (cut <= 0 || !Number.isInteger(serial)) return null;
  return { anchorId: rest.slice(0, cut), serial };
}
