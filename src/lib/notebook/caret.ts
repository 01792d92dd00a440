/** The longest stretch of a code line shown above a caret; a minified line is cut around the spot. */
const WIDTH = 120;

export interface CaretExcerpt {
  /** 1-based line, as in the error. */
  line: number;
  /** The code line (or the part of it around the column), tabs expanded. */
  text: string;
  /** Spaces then `^` under the column. */
  caret: string;
}

/**
 * The code line an error points at with a caret under its column, like Python's and Node's
 * syntax errors. Null when the line is not in the source (the error came from elsewhere).
 */
export function caretExcerpt(source: string, line: number, column = 1): CaretExcerpt | null {
  const lines = source.split(/\r\n|\r|\n/);
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return null;
  const raw = lines[line - 1]!;
  // Columns count characters of the raw line; tabs widen to 2 so the caret stays under its place.
  const col = Math.min(Math.max(1, Math.floor(column) || 1), raw.length + 1);
  const before = raw.slice(0, col - 1).replace(/\t/g, '  ');
  const text = raw.replace(/\t/g, '  ');
  let start = 0;
  if (text.length > WIDTH)
    start = Math.max(0, Math.min(before.length - WIDTH / 2, text.length - WIDTH));
  const cut = start > 0 ? '…' : '';
  const end = start + WIDTH < text.length ? '…' : '';
  return {
    line,
    text: cut + text.slice(start, start + WIDTH) + end,
    caret: ' '.repeat(cut.length + before.length - start) + '^',
  };
}
