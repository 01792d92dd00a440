import { describe, expect, it } from 'vitest';
import { valueAt, type Column } from '../../../../src/lib/data/columnar';
import { MISSING_CODE } from '../../../../src/lib/data/columnar/types';
import { textBlocks } from '../../../../src/lib/data/catalog/text-blocks';

/** The bytes as hashTable made them before: one string per value, joined, encoded. */
function reference(column: Column, start: number, end: number): Uint8Array {
  const parts: string[] = [];
  for (let i = start; i < end; i++) {
    const v = valueAt(column, i);
    const text = v === null ? '' : String(v);
    parts.push(v === null ? '-' : `${text.length}:${text}`);
  }
  return new TextEncoder().encode(parts.join(''));
}

const VALUES = ['', 'N', 'café', '日本', '😀', '\uD83D', '\uDE00', 'x'.repeat(40), '-', '3:abc'];

describe('text blocks hashed for string and category columns', () => {
  let seed = 3;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const n = 5000;

  it('are the bytes one string per value gave, missing values, lone surrogates and all', () => {
    const strings: (string | null)[] = Array.from({ length: n }, () =>
      rand(8) === 0 ? null : VALUES[rand(VALUES.length)]!,
    );
    const codes = Uint32Array.from({ length: n }, () =>
      rand(8) === 0 ? MISSING_CODE : rand(VALUES.length),
    );
    const columns: Column[] = [
      { name: 's', type: 'string', values: strings },
      { name: 'c', type: 'category', codes, dictionary: [...VALUES] },
    ];
    for (const column of columns) {
      const block = textBlocks(column as Extract<Column, { type: 'string' | 'category' }>);
      for (const [start, end] of [
        [0, n],
        [17, 4000],
        [n, n],
      ] as const)
        expect(block(start, end), `${column.type} ${start}-${end}`).toEqual(
          reference(column, start, end),
        );
    }
  });
});
