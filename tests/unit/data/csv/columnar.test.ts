import { describe, expect, it } from 'vitest';
import { table as aqTable } from 'arquero';
import {
  type ColumnarTable,
  decodeTable,
  encodeTable,
  encodeTableChunks,
  fromArquero,
  MISSING_CODE,
  toArquero,
  typedColumn,
} from '../../../../src/lib/data/columnar';

const sample: ColumnarTable = {
  name: 'mixed',
  rowCount: 3,
  columns: [
    { name: 'f', type: 'float', values: Float64Array.from([1.5, NaN, -2]) },
    { name: 'i', type: 'integer', values: Float64Array.from([1, 2, 3]) },
    {
      name: 'b',
      type: 'boolean',
      values: Uint8Array.from([1, 0, 0]),
      valid: Uint8Array.from([1, 1, 0]),
    },
    { name: 't', type: 'datetime', values: Float64Array.from([0, NaN, Date.UTC(2016, 2, 14)]) },
    {
      name: 'c',
      type: 'category',
      codes: Uint32Array.from([0, MISSING_CODE, 1]),
      dictionary: ['N', 'Y'],
    },
    { name: 's', type: 'string', values: ['héllo', null, '€ 😀'] },
  ],
};

describe('columnar serialisation', () => {
  it('round-trips every column type', () => {
    const bytes = encodeTable(sample);
    expect(decodeTable(bytes)).toEqual(sample);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(decodeTable(shifted.subarray(3))).toEqual(sample);
  });

  it('keeps the stored format: the same bytes as before chunked encoding', async () => {
    const bytes = encodeTable(sample) as Uint8Array<ArrayBuffer>;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    expect(Buffer.from(digest).toString('hex')).toBe(
      '12d2b620b87f1e00a5d5921855493cc3b41cf76ca1b09aa03a93b7807eb019c7',
    );
  });

  it('cuts the same bytes into chunks of any size, each in a buffer of its own', () => {
    const whole = encodeTable(sample);
    for (const size of [1, 7, 8, 13, 64, whole.length - 1, whole.length, whole.length * 4]) {
      const chunks = encodeTableChunks(sample, size);
      expect(chunks.length).toBe(Math.ceil(whole.length / Math.min(size, whole.length)));
      for (const chunk of chunks) {
        expect(chunk.byteLength).toBeLessThanOrEqual(size);
        expect(chunk.byteOffset).toBe(0);
        expect(chunk.buffer.byteLength).toBe(chunk.byteLength);
      }
      // Equal sizes but the last: no tiny tail record.
      expect(new Set(chunks.slice(0, -1).map((c) => c.byteLength)).size).toBeLessThanOrEqual(1);
      const joined = new Uint8Array(whole.length);
      let at = 0;
      for (const chunk of chunks) {
        joined.set(chunk, at);
        at += chunk.byteLength;
      }
      expect(at).toBe(whole.length);
      expect(joined).toEqual(whole);
    }
  });

  it('round-trips an empty table and rejects foreign bytes', () => {
    const empty: ColumnarTable = {
      rowCount: 0,
      columns: [{ name: 'a', type: 'string', values: [] }],
    };
    expect(decodeTable(encodeTable(empty))).toEqual(empty);
    expect(() => decodeTable(new Uint8Array(16))).toThrow(/MLTB/);
  });
});

describe('arquero conversion', () => {
  it('decodes categories, booleans and datetimes', () => {
    const dt = toArquero(sample);
    expect(dt.numRows()).toBe(3);
    expect(dt.array('c')).toEqual(['N', null, 'Y']);
    expect(dt.array('b')).toEqual([true, false, null]);
    expect(dt.get('t', 2)).toEqual(new Date(Date.UTC(2016, 2, 14)));
    expect(dt.get('t', 1)).toBeNull();
    expect(toArquero(sample, { datetimes: 'ms' }).get('t', 2)).toBe(Date.UTC(2016, 2, 14));
  });

  it('comes back from arquero with inferred types', () => {
    const back = fromArquero(toArquero(sample), 'mixed');
    expect(back.columns.map((c) => c.type)).toEqual([
      'float',
      'integer',
      'boolean',
      'datetime',
      'string',
      'string',
    ]);
    expect(fromArquero(aqTable({ x: [1, null, 3] })).columns[0]).toEqual({
      name: 'x',
      type: 'integer',
      values: Float64Array.from([1, NaN, 3]),
    });
  });

  it('copies typed columns as doubles, with filters and order applied, and never shares them', () => {
    const source = Int32Array.from([5, 3, 9, 1]);
    const t = aqTable({ n: source, s: ['a', 'b', 'c', 'd'] });
    const whole = typedColumn(t, 'n')!;
    expect(whole).toEqual(Float64Array.from([5, 3, 9, 1]));
    whole[0] = 100;
    expect(source[0]).toBe(5);
    const view = t.filter((d: { n: number }) => d.n > 2).orderby('n');
    expect(typedColumn(view, 'n')).toEqual(Float64Array.from([3, 5, 9]));
    expect(typedColumn(t, 's')).toBeNull();
  });

  it('shares a whole table’s Float64Array and all-text columns instead of copying them', () => {
    const x = Float64Array.from([1.5, 2, 3]);
    const s = ['a', 'b', 'c'];
    const t = aqTable({ x, s, m: ['a', null, 'c'] });
    const [cx, cs, cm] = fromArquero(t).columns;
    expect(cx).toEqual({ name: 'x', type: 'float', values: x });
    expect((cx as { values: unknown }).values).toBe(x);
    expect((cs as { values: unknown }).values).toBe(s);
    expect(cm).toEqual({ name: 'm', type: 'string', values: ['a', null, 'c'] });
    // A filtered view has other rows: copied, not shared.
    const view = fromArquero(t.filter((d: { x: number }) => d.x > 1.5)).columns;
    expect(view[0]).toEqual({ name: 'x', type: 'integer', values: Float64Array.from([2, 3]) });
    expect(view[1]).toEqual({ name: 's', type: 'string', values: ['b', 'c'] });
  });
});
