import { describe, expect, it } from 'vitest';
import { hashTable } from '../../../../src/lib/data/catalog';
import { parseCsvStream } from '../../../../src/lib/data/csv';
import { generateTaxiCsv } from '../../../../src/lib/data/nyc-taxi';
import { runJobInParts, runPart, type JobPlan } from '../../../../src/lib/data/partitions';
import { once, onePass, partitioned } from './helpers';

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

  it('gives the one-pass table wherever a cut falls inside a quoted field', async () => {
    const files = [
      // Quoted line breaks, a doubled quote right before one, CRLF inside and outside quotes.
      'a,b\n1,"x\ny"\n2,"p""\nq"\n3,z\n4,"\n\n\n"\r\n5,"r\r\ns"\n6,""""\n',
      // A header with a quoted line break, and a file without a final line break.
      '"a\nb",c\n1,"2\n3"\n4,5',
      // Stray quotes inside unquoted fields are text, not the start of a quoted field.
      'h,w\n5\'11",x\n6\'0","y\nz"\n7","""\n"\n',
    ];
    for (const text of files) {
      const one = await onePass(text, { onError: 'skip' });
      for (let parts = 1; parts <= text.length; parts++) {
        const { result } = await partitioned(text, parts, { onError: 'skip' });
        const what = `${JSON.stringify(text)} in ${parts} parts`;
        expect(await hashTable(result.table), what).toBe(await hashTable(one.table));
        expect(result.problems, what).toEqual(one.problems);
        expect(result.promotions, what).toEqual(one.promotions);
      }
    }
  });

  it('parses a part again from the row end when its cut fell inside a quoted field', async () => {
    const quoted = `"${'a\n'.repeat(100)}"`;
    const rows = Array.from({ length: 200 }, (_, i) => `${i},${i === 100 ? quoted : 'x'}`);
    const text = ['n,s', ...rows].join('\n') + '\n';
    const [open, close] = [text.indexOf('"'), text.lastIndexOf('"')];
    const { result, plan, reparsed } = await partitioned(text, 2);
    expect(plan.ranges[1]!.start).toBeGreaterThan(open);
    expect(plan.ranges[1]!.start).toBeLessThan(close);
    expect(reparsed).toEqual([{ start: close + 2, end: text.length }]);
    expect(result.mode).toEqual({ kind: 'partitioned', parts: 2 });
    expect(result.table.rowCount).toBe(200);
  });

  it('reads in one pass when a quoted field runs on over a whole part', async () => {
    const text = `a,b\n1,"${'line\n'.repeat(300_000)}"\n2,x\n3,y\n`;
    const one = await onePass(text);
    const { result } = await partitioned(text, 8);
    expect(result.mode).toEqual({
      kind: 'one-pass',
      reason: 'a quoted field runs on over a whole part',
    });
    expect(await hashTable(result.table)).toBe(await hashTable(one.table));
  });

  it('numbers bad rows by their line in the file, in skip and in stop mode', async () => {
    const lines = [
      'a,b',
      ...Array.from({ length: 40 }, (_, i) => `${i},${i % 7 === 3 ? 'x,y' : i}`),
    ];
    const text = lines.join('\n') + '\n';
    const one = await parseCsvStream(once(new TextEncoder().encode(text)), { onError: 'skip' });
    const { result } = await partitioned(text, 4, { onError: 'skip' });
    expect(result.problems).toEqual(one.problems);
    expect(result.problems[0]).toMatchObject({ line: 5, row: 4 });
    expect(result.problemCount).toBe(one.problemCount);
    await expect(partitioned(text, 4)).rejects.toThrow(/^CSV line 5 \(data row 4\), column/);
  });

  it('parses in one pass when the parts disagree on a type', async () => {
    // The first 1,000 rows say integer; the end holds text, which one pass widens to string.
    const text = ['n', ...Array.from({ length: 2000 }, (_, i) => String(i)), 'many'].join('\n');
    const one = await parseCsvStream(once(new TextEncoder().encode(text)));
    const { result } = await partitioned(text, 2);
    expect(result.mode.kind).toBe('one-pass');
    expect(await hashTable(result.table)).toBe(await hashTable(one.table));
  });

  it('names the file byte and line of undecodable bytes in a later part', async () => {
    const head = new TextEncoder().encode('a,b\n' + '1,"x\ny"\n'.repeat(50) + '2,caf');
    const bytes = new Uint8Array([...head, 0xe9, 10, ...new TextEncoder().encode('3,z\n')]);
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => new Error('no error'),
        (e: unknown) => e as Error,
      );
    const one = await failure(onePass(bytes));
    expect(one.message).toContain(`byte ${head.length} (line 102)`);
    for (const parts of [2, 3, 5]) {
      const error = await failure(partitioned(bytes, parts));
      expect(error.message, `${parts} parts`).toBe(one.message);
    }
  });
});

describe('jobs over parts', () => {
  it('count the one-pass rows when cuts fall inside quoted fields', async () => {
    const text =
      'n,s\n' + Array.from({ length: 300 }, (_, i) => `${i},"x,1\ny,2\nz,3"`).join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    const read = async (offset: number, length: number) => bytes.subarray(offset, offset + length);
    const plan: JobPlan = { filters: [], aggregate: { kind: 'count' } };
    for (const parts of [2, 3, 7]) {
      const { partial } = await runJobInParts(read, bytes.length, parts, (header, range) =>
        runPart(
          { header, range, size: bytes.length, bytes: (s, e) => once(bytes.subarray(s, e)) },
          plan,
        ),
      );
      expect(partial, `${parts} parts`).toEqual({ kind: 'count', rows: 300 });
    }
  });
});
