import { describe, expect } from 'vitest';
import { hashTable } from '../../src/lib/data/catalog';
import { valueAt } from '../../src/lib/data/columnar';
import { CsvImportError } from '../../src/lib/data/csv';
import { onePass, partitioned } from '../unit/data/partitions/helpers';
import { hostile } from './hostile';

/**
 * A 40 MB file (import-in-parts cuts files from 32 MB) of fixed-width rows, so the cuts the
 * planner makes for 2, 3 and 4 parts are known before the file is written: the rows at and
 * near every cut hold quoted fields with line breaks and doubled quotes, and no quote comes
 * in the first MB.
 */
const HEADER = 'id,text,n\n';
const WIDTH = 40;
const ROW = 8 + 1 + WIDTH + 1 + 3 + 1;
const ROWS = Math.ceil((40 * 1024 * 1024) / ROW);
const SIZE = HEADER.length + ROWS * ROW;
/** 40 characters: a quoted field with three line breaks, a doubled quote and a comma. */
const QUOTED = `"${'a\n""b,\n'.repeat(5)}xxx"`;
const QUOTED_TEXT = 'a\n"b,\n'.repeat(5) + 'xxx';
const COMMAS = `"${'c,'.repeat(19)}"`;

function rowsNearCuts(): Set<number> {
  const rows = new Set<number>();
  for (const parts of [2, 3, 4])
    for (let i = 1; i < parts; i++) {
      const target = HEADER.length + Math.floor(((SIZE - HEADER.length) * i) / parts);
      const k = Math.floor((target - 1 - HEADER.length) / ROW);
      for (const near of [-5, -1, 0, 1, 7]) rows.add(k + near);
    }
  return rows;
}

function bigFile(): { bytes: Uint8Array; quoted: Set<number> } {
  const quoted = rowsNearCuts();
  const lines: string[] = [HEADER];
  const commasAt = Math.ceil((2 << 20) / ROW);
  for (let k = 0; k < ROWS; k++) {
    const text = quoted.has(k)
      ? QUOTED
      : k === commasAt
        ? COMMAS
        : `row ${k} plain text`.padEnd(WIDTH, '.');
    lines.push(`${String(k).padStart(8, '0')},${text},${String(k % 1000).padStart(3, '0')}\n`);
  }
  const bytes = new TextEncoder().encode(lines.join(''));
  expect(bytes.length).toBe(SIZE);
  expect(bytes.subarray(0, 1 << 20).includes(0x22)).toBe(false);
  return { bytes, quoted };
}

/** The file line a row starts on: the header is line 1, quoted line breaks count. */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

describe('CSV files', () => {
  const { bytes, quoted } = bigFile();

  hostile(
    'csv',
    'a 40 MB file with quoted line breaks at and near every cut, no quote in the first MB',
    { guards: 'data', timeout: 240_000 },
    async () => {
      const one = await onePass(bytes);
      expect(one.table.rowCount).toBe(ROWS);
      const id = await hashTable(one.table);
      const text = one.table.columns[1]!;
      for (const k of quoted) expect(valueAt(text, k)).toBe(QUOTED_TEXT);
      for (const parts of [2, 3, 4]) {
        const { result, reparsed } = await partitioned(bytes, parts);
        expect(result.mode).toEqual({ kind: 'partitioned', parts });
        // At least one cut fell inside a quoted field and was mended.
        expect(reparsed.length).toBeGreaterThan(0);
        expect(result.table.rowCount).toBe(ROWS);
        expect(await hashTable(result.table)).toBe(id);
      }
    },
  );

  hostile(
    'csv',
    'a bad row late in a 40 MB file with quoted line breaks: reported at its file line',
    { guards: 'clarity', timeout: 240_000 },
    async () => {
      const bad = bytes.slice();
      const k = ROWS - 1000;
      const start = HEADER.length + k * ROW;
      bad[start + ROW - 5] = 0x3b; // ",042\n" → ";042\n": two fields, not three
      const line = lineOf(bad, start);
      expect(line).toBeGreaterThan(k + 2); // the quoted line breaks count
      const where = `line ${line} (data row ${k + 1}), column "n"`;
      const skipped = await onePass(bad, { onError: 'skip' });
      expect(skipped.problems).toEqual([expect.objectContaining({ line, row: k + 1 })]);
      const { result } = await partitioned(bad, 4, { onError: 'skip' });
      expect(result.mode.kind).toBe('partitioned');
      expect(result.problems).toEqual(skipped.problems);
      for (const run of [() => onePass(bad), async () => (await partitioned(bad, 4)).result]) {
        const error = await run().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CsvImportError);
        expect((error as CsvImportError).message).toContain(`CSV ${where}: expected 3 fields`);
      }
    },
  );
});
