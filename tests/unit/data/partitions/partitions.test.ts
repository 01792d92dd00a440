import { describe, expect, it } from 'vitest';
import { hashTable } from '../../../../src/lib/data/catalog';
import { parseCsvStream } from '../../../../src/lib/data/csv';
import { generateTaxiCsv } from '../../../../src/lib/data/nyc-taxi';
import {
  parsePart,
  parsePartitioned,
  planPartitions,
  type ByteRange,
} from '../../../../src/lib/data/partitions';

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Partitioned parse of `text` in `parts`, all in this thread (the app runs parts in workers). */
async function partitioned(
  text: string,
  parts: number,
  options: { onError?: 'stop' | 'skip' } = {},
) {
  const bytes = new TextEncoder().encode(text);
  const read = async (offset: number, length: number) => bytes.subarray(offset, offset + length);
  const plan = await planPartitions(read, bytes.length, parts);
  const header = bytes.subarray(plan.header.start, plan.header.end);
  const result = await parsePartitioned(
    plan.ranges,
    (r: ByteRange) => parsePart(header, once(bytes.subarray(r.start, r.end)), options),
    () => parseCsvStream(once(bytes), options),
    options,
  );
  return { result, plan };
}

const taxi = [...generateTaxiCsv({ rows: 3000, seed: 7 })].join('');

describe('partitioned CSV parsing', () => {
  it('gives the one-pass table (same content id) however the file is cut', async () => {
    const one = await parseCsvStream(once(new TextEncoder().encode(taxi)));
    const id = await hashTable(one.table);
    for (const parts of [1, 2, 3, 7]) {
      const { result, plan } = await partitioned(taxi, parts);
      expect(plan.ranges).toHaveLength(parts);
      expect(result.mode).toEqual({ kind: 'partitioned', parts });
      expect(result.table.rowCount).toBe(3000);
      expect(await hashTable(result.table)).toBe(id);
    }
  });

  it('puts every row in exactly one part, wherever a cut falls', async () => {
    const text = 'a,b\n1,x\n22,yy\n333,zzz\n4,w\n';
    const one = await parseCsvStream(once(new TextEncoder().encode(text)));
    for (let parts = 1; parts <= text.length; parts++) {
      const { result } = await partitioned(text, parts);
      expect(await hashTable(result.table), `${parts} parts`).toBe(await hashTable(one.table));
    }
  });

  it('numbers bad rows by their line in the file, in skip and in stop mode', async () => {
    const lines = [
      'a,b',
      ...Array.from({ length: 40 }, (_, i) => `${i},${i % 7 === 3 ? 'x,y' : i}`),
    ];
    const text = lines.join('\n') + '\n';
    const one = await parseCsvStream(once(new TextEncoder().encode(text)), { onError: 'skip' });
    const { result } = await partitioned(text, 4, { onError: 'skip' });
    expect(result.problems.map((p) => p.row)).toEqual(one.problems.map((p) => p.row));
    expect(result.problemCount).toBe(one.problemCount);
    await expect(partitioned(text, 4)).rejects.toThrow(/^CSV row 5, column/);
  });

  it('parses in one pass when the parts disagree on a type', async () => {
    // The first 1,000 rows say integer; the end holds text, which one pass widens to string.
    const text = ['n', ...Array.from({ length: 2000 }, (_, i) => String(i)), 'many'].join('\n');
    const one = await parseCsvStream(once(new TextEncoder().encode(text)));
    const { result } = await partitioned(text, 2);
    expect(result.mode.kind).toBe('one-pass');
    expect(await hashTable(result.table)).toBe(await hashTable(one.table));
  });
});
