import { describe, expect, it } from 'vitest';
import { valueAt, type Column } from '../../../../src/lib/data/columnar';
import { MISSING_CODE } from '../../../../src/lib/data/columnar/types';
import { hashTable } from '../../../../src/lib/data/catalog';
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
  // 32-bit LCG, high bits: a float product would lose the low bits and cycle early.
  const rand = (n: number) => (
    (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0),
    Math.floor((seed / 2 ** 32) * n)
  );
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

describe('the content id of a table', () => {
  it('is the one the copying hasher gave: -0 and NaN payloads canonicalised, text as before', async () => {
    const n = 200_000;
    const f = Float64Array.from({ length: n }, (_, i) => (i % 7) * 0.5 - 1);
    f[70_000] = -0;
    const bits = new DataView(f.buffer);
    bits.setFloat64(140_000 * 8, NaN);
    bits.setBigUint64(140_001 * 8, 0x7ff8000000000001n, true);
    bits.setBigUint64(140_002 * 8, 0xfff8000000000000n, true);
    const table = {
      columns: [
        { name: 'f', type: 'float' as const, values: f },
        {
          name: 's',
          type: 'string' as const,
          values: Array.from({ length: n }, (_, i) => (i % 5 ? `v${i % 13}é` : null)),
        },
        {
          name: 'c',
          type: 'category' as const,
          codes: Uint32Array.from({ length: n }, (_, i) => (i % 11 ? i % 3 : MISSING_CODE)),
          dictionary: ['a', '', '日本'],
        },
      ],
      rowCount: n,
    };
    // Pinned from the hasher before blocks were hashed in place (commit cf3a83d~1).
    expect(await hashTable(table)).toBe('v-f9b527d798dc');
    expect(f[70_000]).toBe(-0); // the column itself is left as it was
  });
});
