import { describe, expect } from 'vitest';
import { hashTable } from '../../src/lib/data/catalog';
import { valueAt } from '../../src/lib/data/columnar';
import { CsvImportError } from '../../src/lib/data/csv';
import { onePass, partitioned } from '../unit/data/partitions/helpers';
import { QUOTED_TEXT, lineOfRow, quotedCsv, withBadRow } from '../unit/data/partitions/quoted-file';
import { hostile } from './hostile';

describe('CSV files', () => {
  // 40 MB: import-in-parts cuts files from 32 MB.
  const { text, rows, quoted } = quotedCsv(40);
  const bytes = new TextEncoder().encode(text);

  hostile(
    'csv',
    'a 40 MB file with quoted line breaks at and near every cut, no quote in the first MB',
    { guards: 'data', timeout: 240_000 },
    async () => {
      expect(bytes.length).toBeGreaterThan(40 << 20);
      expect(bytes.subarray(0, 1 << 20).includes(0x22)).toBe(false);
      const one = await onePass(bytes);
      expect(one.table.rowCount).toBe(rows);
      const id = await hashTable(one.table);
      for (const k of quoted) expect(valueAt(one.table.columns[1]!, k)).toBe(QUOTED_TEXT);
      for (const parts of [2, 3, 4]) {
        const { result, reparsed } = await partitioned(bytes, parts);
        expect(result.mode).toEqual({ kind: 'partitioned', parts });
        // At least one cut fell inside a quoted field and was mended.
        expect(reparsed.length).toBeGreaterThan(0);
        expect(result.table.rowCount).toBe(rows);
        expect(await hashTable(result.table)).toBe(id);
      }
    },
  );

  hostile(
    'csv',
    'a bad row late in a 40 MB file with quoted line breaks: reported at its file line',
    { guards: 'clarity', timeout: 240_000 },
    async () => {
      const k = rows - 1000;
      const bad = new TextEncoder().encode(withBadRow(text, k));
      const line = lineOfRow(text, k);
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
