import { MISSING_CODE, type Column } from '../columnar/types';

type TextColumn = Extract<Column, { type: 'string' | 'category' }>;
const DASH = 45;

/**
 * The bytes `hashTable` digests for rows [start, end) of a text column: each value as
 * `length:text` (UTF-16 length), `-` for a missing one, UTF-8 encoded. Made without a string
 * per value: a category's values are encoded once per dictionary entry and copied, which is
 * the same bytes as encoding the joined text because every piece starts with an ASCII digit
 * or dash (no surrogate pair can form across pieces).
 */
export function textBlocks(column: TextColumn): (start: number, end: number) => Uint8Array {
  const encoder = new TextEncoder();
  if (column.type === 'string') {
    const values = column.values;
    return (start, end) => {
      let text = '';
      for (let i = start; i < end; i++) {
        const v = values[i];
        text += v == null ? '-' : v.length + ':' + v;
      }
      return encoder.encode(text);
    };
  }
  const { codes } = column;
  const pieces = column.dictionary.map((v) => encoder.encode(`${v.length}:${v}`));
  const pieceOf = (code: number) => (code === MISSING_CODE ? undefined : pieces[code]);
  return (start, end) => {
    let n = 0;
    for (let i = start; i < end; i++) n += pieceOf(codes[i]!)?.length ?? 1;
    const out = new Uint8Array(n);
    let at = 0;
    for (let i = start; i < end; i++) {
      const piece = pieceOf(codes[i]!);
      if (!piece) out[at++] = DASH;
      else if (piece.length > 32) {
        out.set(piece, at);
        at += piece.length;
      } else for (let k = 0; k < piece.length; k++) out[at++] = piece[k]!;
    }
    return out;
  };
}
