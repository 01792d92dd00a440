import { describe, expect, it } from 'vitest';
import { CsvImportError, parseCsvStream } from '../../../../src/lib/data/csv';
import { chunksOf } from './helpers';

const fail = (p: Promise<unknown>): Promise<CsvImportError> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as CsvImportError,
  );

describe('parseCsvStream: errors', () => {
  it('stops at the first malformed row by default', async () => {
    const err = await fail(parseCsvStream(chunksOf('a,b\n1,2\n3\n4,5,6\n')));
    expect(err.code).toBe('malformed-row');
    expect(err.problem).toEqual({
      line: 3,
      row: 2,
      column: 'b',
      reason: 'expected 2 fields but found 1',
      raw: '3',
    });
    expect(err.message).toMatch(/line 3 \(data row 2\), column "b".*onError: 'skip'/);
  });

  it('skips malformed rows and caps the list', async () => {
    const csv = 'a,b\n1,2\n3\n4,5,6\n7,8\n"9,10\n';
    const r = await parseCsvStream(chunksOf(csv), { onError: 'skip', maxProblems: 2 });
    expect(r.table.rowCount).toBe(2);
    expect(r.problemCount).toBe(3);
    expect(r.problems.map((p) => [p.line, p.row])).toEqual([
      [3, 2],
      [4, 3],
    ]);
    expect(r.problems[1]?.column).toBe('(extra field 3)');
  });

  it('reports an unclosed quote', async () => {
    const err = await fail(parseCsvStream(chunksOf('a,b\n1,"2\n3,4\n')));
    expect(err.problem).toMatchObject({ line: 2, row: 1 });
    expect(err.problem?.reason).toMatch(/never closed/);
  });

  it('names the byte and line of Latin-1 bytes', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('name\nabc\nCaf'), 0xe9, 10]);
    const err = await fail(parseCsvStream(chunksOf(latin1, 4)));
    expect(err.code).toBe('invalid-utf8');
    expect(err.message).toContain('byte 12 (line 3)');
    expect(err.message).toMatch(/UTF-8/);
  });

  it('rejects an empty file', async () => {
    expect((await fail(parseCsvStream(chunksOf('')))).code).toBe('empty-file');
    expect((await fail(parseCsvStream(chunksOf('\n\n')))).code).toBe('empty-file');
  });

  it('gives a 0-row table for a header-only file', async () => {
    const { table } = await parseCsvStream(chunksOf('a,b\r\n'));
    expect(table.rowCount).toBe(0);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['a', 'string'],
      ['b', 'string'],
    ]);
  });

  it('rejects duplicate and empty header names with their positions', async () => {
    const dup = await fail(parseCsvStream(chunksOf('a,b,a\n1,2,3\n')));
    expect(dup.code).toBe('bad-header');
    expect(dup.message).toContain('"a" twice, at positions 1 and 3');
    const empty = await fail(parseCsvStream(chunksOf('a,,c, \n')));
    expect(empty.message).toContain('position(s) 2, 4');
  });
});
