import { describe, expect, it } from 'vitest';
import { hashTable } from '../../../../src/lib/data/catalog';
import { ROWS_PER_BLOCK } from '../../../../src/lib/data/catalog/content-id';
import { MISSING_CODE, type ColumnarTable } from '../../../../src/lib/data/columnar';
import { idFromParts, partDigests } from '../../../../src/lib/data/import/part-digests';
import { concatTables } from '../../../../src/lib/data/partitions';

/** Rows [from, to) of a table with every column type, the same values whatever the cut. */
function rows(from: number, to: number): ColumnarTable {
  const n = to - from;
  const at = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, k) => f(from + k));
  const words = ['N', 'Y', 'é😀', ''];
  return {
    rowCount: n,
    columns: [
      { name: 'f', type: 'float', values: at((i) => (i % 97 === 0 ? NaN : i * 0.5 - 7)) },
      { name: 'i', type: 'integer', values: at((i) => i % 13) },
      { name: 't', type: 'datetime', values: at((i) => (i % 101 === 0 ? -0 : i * 1000)) },
      {
        name: 'b',
        type: 'boolean',
        values: Uint8Array.from({ length: n }, (_, k) => (from + k) % 2),
        valid: Uint8Array.from({ length: n }, (_, k) => ((from + k) % 7 === 0 ? 0 : 1)),
      },
      // Each part has a dictionary of its own, in its own order: the hash reads values.
      {
        name: 'c',
        type: 'category',
        codes: Uint32Array.from({ length: n }, (_, k) =>
          (from + k) % 11 === 0 ? MISSING_CODE : (from + k + from) % 3,
        ),
        dictionary: [0, 1, 2].map((c) => words[(c + 3 * 3 - (from % 3)) % 3]!),
      },
      {
        name: 's',
        type: 'string',
        values: Array.from({ length: n }, (_, k) =>
          (from + k) % 17 === 0 ? null : `id${from + k}${words[(from + k) % 4]}`,
        ),
      },
    ],
  };
}

/** The parts a cut list gives, their digests as part workers compute them, the whole table. */
async function cutAt(cuts: number[]) {
  const tables = cuts.slice(0, -1).map((from, k) => rows(from, cuts[k + 1]!));
  const table = concatTables(tables);
  const digests = await Promise.all(tables.map((t, k) => partDigests(t, cuts[k]!)));
  return { table, digests };
}

describe('a content id from digests computed in parts', () => {
  const B = ROWS_PER_BLOCK;
  const cases = [
    [0, 3 * B + 5],
    [0, B + 17, 2 * B + 100, 3 * B + 5], // cuts inside blocks
    [0, B, 2 * B, 3 * B], // cuts on block edges, last block full
    [0, 10, 20, B + 3, B + 4, 2 * B + 9], // parts smaller than a block, an empty-of-blocks part
  ];
  for (const cuts of cases)
    it(`is hashTable's id, cut at ${cuts.join(', ')}`, async () => {
      const { table, digests } = await cutAt(cuts);
      // The category column's parts disagree on their dictionaries: only values are hashed.
      expect(await idFromParts(table, digests)).toBe(await hashTable(table));
    }, 60_000);

  it('stacks the parts into the rows of the whole range, text and missing values in order', async () => {
    const { table } = await cutAt([0, 10, 20, B + 3, 2 * B + 9]);
    const whole = rows(0, 2 * B + 9);
    expect(table.rowCount).toBe(whole.rowCount);
    expect(table.columns[5]).toEqual(whole.columns[5]);
    expect(table.columns[0]).toEqual(whole.columns[0]);
  });

  it('is refused when the parts do not tile the table', async () => {
    const { table, digests } = await cutAt([0, B + 17, 2 * B + 100]);
    expect(idFromParts(table, [digests[1]!, digests[0]!])).toBeUndefined();
    expect(idFromParts(table, digests.slice(0, 1))).toBeUndefined();
    const shorter = { ...table, rowCount: table.rowCount - 1 };
    expect(idFromParts(shorter, digests)).toBeUndefined();
  }, 60_000);

  it('trusts the parts: a value changed after its block was hashed in a part is not seen', async () => {
    // Block 2 lies wholly in the second part, so its digest comes from there, not the table.
    const { table, digests } = await cutAt([0, B + 17, 3 * B]);
    expect(digests[1]!.columns[0]).toMatchObject({ first: 2 });
    (table.columns[0] as { values: Float64Array }).values[2 * B + 20] = 1e9;
    expect(await idFromParts(table, digests)).not.toBe(await hashTable(table));
  }, 60_000);
});
