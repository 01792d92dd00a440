import { describe, expect, it } from 'vitest';
import { CsvImportError, parseCsvStream } from '../../../../src/lib/data/csv';
import { chunksOf, values } from './helpers';

const TAXI = `id,vendor_id,pickup_datetime,dropoff_datetime,passenger_count,pickup_longitude,pickup_latitude,dropoff_longitude,dropoff_latitude,store_and_fwd_flag,trip_duration
id2875421,2,2016-03-14 17:24:55,2016-03-14 17:32:30,1,-73.982154846191406,40.767936706542969,-73.964630126953125,40.765602111816406,N,455
id2377394,1,2016-06-12 00:43:35,2016-06-12 00:54:38,1,-73.980415344238281,40.738563537597656,-73.999481201171875,40.731151580810547,N,663
id3858529,2,2016-01-19 11:35:24,2016-01-19 12:10:48,1,-73.979026794433594,40.763938903808594,-74.005332946777344,40.710086822509766,N,2124
id3504673,2,2016-04-06 19:32:31,2016-04-06 19:39:40,1,-74.010040283203125,40.719970703125,-74.012268066406250,40.706718444824219,N,429
`;

describe('parseCsvStream: good files', () => {
  for (const size of [1, 5, 64, 1 << 16]) {
    it(`parses Kaggle taxi rows in ${size}-byte chunks`, async () => {
      const { table, problems } = await parseCsvStream(chunksOf(TAXI, size), { name: 'taxi' });
      expect(table.rowCount).toBe(4);
      expect(problems).toEqual([]);
      expect(table.columns.map((c) => c.type)).toEqual([
        'string',
        'integer',
        'datetime',
        'datetime',
        'integer',
        'float',
        'float',
        'float',
        'float',
        'category',
        'integer',
      ]);
      const [id, , pickup, , , lon, , , , flag, duration] = table.columns;
      expect(values(id)[0]).toBe('id2875421');
      expect(values(pickup)[0]).toBe(Date.UTC(2016, 2, 14, 17, 24, 55));
      expect(values(lon)[1]).toBeCloseTo(-73.980415344238281, 12);
      expect(values(flag)).toEqual(['N', 'N', 'N', 'N']);
      expect(values(duration)).toEqual([455, 663, 2124, 429]);
    });
  }

  it('handles quotes, escaped quotes, newlines in quotes, CRLF and a BOM', async () => {
    const csv =
      '\uFEFFname,note\r\n"Smith, J","said ""hi"""\r\n"multi\r\nline",x\r\n\r\nplain,"end"';
    const { table } = await parseCsvStream(chunksOf(csv, 3));
    expect(table.columns.map((c) => c.name)).toEqual(['name', 'note']);
    expect(values(table.columns[0])).toEqual(['Smith, J', 'multi\r\nline', 'plain']);
    expect(values(table.columns[1])).toEqual(['said "hi"', 'x', 'end']);
  });

  it('accepts a ReadableStream and reports line numbers after quoted newlines', async () => {
    const csv = 'a,b\n"x\ny",1\n2\n';
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(csv));
        c.close();
      },
    });
    const err = await parseCsvStream(stream).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvImportError);
    // The second data row starts on file line 4: the first one's quoted line break is line 3.
    expect((err as CsvImportError).problem).toMatchObject({ line: 4, row: 2 });
  });

  it('reads a lone trailing field without a newline and missing values', async () => {
    const { table } = await parseCsvStream(chunksOf('a,b,c\n1,,true\n,2.5,NA\n3,x,false'));
    expect(table.columns.map((c) => c.type)).toEqual(['integer', 'string', 'boolean']);
    expect(values(table.columns[0])).toEqual([1, null, 3]);
    expect(values(table.columns[1])).toEqual([null, '2.5', 'x']);
    expect(values(table.columns[2])).toEqual([true, null, false]);
  });
});

describe('parseCsvStream: inference, promotion and overrides', () => {
  it('promotes integer → float and float → string after the sample', async () => {
    const csv = 'n,m\n1,1\n2,2\n3.5,x\n';
    const r = await parseCsvStream(chunksOf(csv), { inferRows: 2 });
    expect(r.table.columns.map((c) => c.type)).toEqual(['float', 'string']);
    expect(values(r.table.columns[0])).toEqual([1, 2, 3.5]);
    expect(values(r.table.columns[1])).toEqual(['1', '2', 'x']);
    expect(r.promotions).toEqual([
      { column: 'n', from: 'integer', to: 'float', line: 4, row: 3 },
      { column: 'm', from: 'integer', to: 'string', line: 4, row: 3 },
    ]);
  });

  it('promotes datetime and category to string, keeping earlier values', async () => {
    const csv = 't,c\n2020-01-01,a\n2020-01-02,a\nsoon,b\n';
    const r = await parseCsvStream(chunksOf(csv), { inferRows: 2 });
    expect(values(r.table.columns[0])).toEqual([
      '2020-01-01T00:00:00.000Z',
      '2020-01-02T00:00:00.000Z',
      'soon',
    ]);
    expect(r.table.columns[1]?.type).toBe('category');
    expect(values(r.table.columns[1])).toEqual(['a', 'a', 'b']);
  });

  it('applies overrides and reports values that do not fit them', async () => {
    const csv = 'id,n\n007,1\n008,x\n';
    const ok = await parseCsvStream(chunksOf(csv), { types: { id: 'string', n: 'string' } });
    expect(values(ok.table.columns[0])).toEqual(['007', '008']);
    const r = await parseCsvStream(chunksOf(csv), { types: { n: 'integer' }, onError: 'skip' });
    expect(r.table.rowCount).toBe(1);
    expect(r.problems).toEqual([
      { line: 3, row: 2, column: 'n', reason: '"x" is not a valid integer', raw: '008,x' },
    ]);
  });

  it('rejects overrides for unknown columns', async () => {
    const err = await parseCsvStream(chunksOf('a\n1\n'), { types: { b: 'string' } }).catch(
      (e) => e,
    );
    expect((err as CsvImportError).code).toBe('unknown-column');
  });
});
