/**
 * A CSV of fixed-width rows (`id,text,n`), so the cuts the partition planner makes for 2, 3 and
 * 4 parts are known before the file is written: the rows at and near every cut hold a quoted
 * field with line breaks, doubled quotes and a comma. Nothing is quoted in the first 2 MB but
 * for one row of quoted commas just after it.
 */
export const HEADER = 'id,text,n\n';
const WIDTH = 40;
export const ROW = 8 + 1 + WIDTH + 1 + 3 + 1;
/** 40 characters: a quoted field with three line breaks, a doubled quote and a comma… */
export const QUOTED = `"${'a\n""b,\n'.repeat(5)}xxx"`;
/** … which reads as this text. */
export const QUOTED_TEXT = 'a\n"b,\n'.repeat(5) + 'xxx';
const COMMAS = `"${'c,'.repeat(19)}"`;

function rowsNearCuts(rows: number): Set<number> {
  const size = HEADER.length + rows * ROW;
  const near = new Set<number>();
  for (const parts of [2, 3, 4])
    for (let i = 1; i < parts; i++) {
      const target = HEADER.length + Math.floor(((size - HEADER.length) * i) / parts);
      const k = Math.floor((target - 1 - HEADER.length) / ROW);
      for (const d of [-5, -1, 0, 1, 7]) near.add(k + d);
    }
  return near;
}

export function quotedCsv(megabytes: number): { text: string; rows: number; quoted: Set<number> } {
  const rows = Math.ceil((megabytes * 1024 * 1024) / ROW);
  const quoted = rowsNearCuts(rows);
  const commasAt = Math.ceil((2 << 20) / ROW);
  const lines: string[] = [HEADER];
  for (let k = 0; k < rows; k++) {
    const text = quoted.has(k)
      ? QUOTED
      : k === commasAt
        ? COMMAS
        : `row ${k} plain text`.padEnd(WIDTH, '.');
    lines.push(`${String(k).padStart(8, '0')},${text},${String(k % 1000).padStart(3, '0')}\n`);
  }
  return { text: lines.join(''), rows, quoted };
}

/** The file with row `k`'s last field separator turned into ";": two fields, not three. */
export function withBadRow(text: string, k: number): string {
  const at = HEADER.length + k * ROW + ROW - 5;
  return `${text.slice(0, at)};${text.slice(at + 1)}`;
}

/** The file line row `k` starts on: the header is line 1, quoted line breaks count. */
export function lineOfRow(text: string, k: number): number {
  const end = HEADER.length + k * ROW;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
