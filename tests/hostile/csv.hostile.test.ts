import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect } from 'vitest';
import { hashTable } from '../../src/lib/data/catalog';
import { valueAt } from '../../src/lib/data/columnar';
import { CsvImportError, parseCsvStream } from '../../src/lib/data/csv';
import { RowAssembler } from '../../src/lib/data/csv/rows';
import { CsvTokenizer } from '../../src/lib/data/csv/tokenizer';
import {
  DB_NAME,
  listDatasetVersions,
  openStore,
  putDatasetVersion,
  type DatasetMeta,
} from '../../src/lib/store';
import { chunksOf } from '../unit/data/csv/helpers';
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

  hostile(
    'csv',
    'plain and quoted rows interleaved, numbers at the edge of the fast path, mixed line endings',
    { guards: 'data', timeout: 240_000 },
    async () => {
      let seed = 9;
      // 32-bit LCG, high bits: a float product would lose the low bits and cycle early.
      const rand = (n: number) => (
        (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0),
        Math.floor((seed / 2 ** 32) * n)
      );
      const numbers = [
        () => `${rand(2) ? '-' : ''}${rand(180)}.${String(rand(1e9)).padStart(9, '0')}${rand(1e8)}`,
        () => `${rand(1000)}.${String(rand(1e9)).padStart(9, '0')}${rand(2) ? '' : rand(1000)}`,
        () =>
          ['9007199254740993', '9007199254740992.5', '0.30000000000000004', '-0', '1e-7'][rand(5)]!,
        () => ['', 'NA', '"42.5"', '  7', '0x10', 'Infinity'][rand(6)]!,
      ];
      const texts = [
        'plain',
        'café ☕',
        '"a ""quoted"" one"',
        '"two\nlines"',
        '"cr\r\nlf"',
        '日本',
      ];
      const eols = ['\n', '\r\n', '\n', '\r'];
      let text = '\uFEFFid,x,when,note\n';
      for (let i = 0; i < 60_000; i++) {
        const when = [
          '2016-03-14 17:24:55',
          '2016-03-14',
          '2016-03-14 17:24',
          '2016-03-14T17:24:55Z',
        ][rand(4)];
        text += `r${i},${numbers[rand(20) || i < 30_000 ? rand(3) : 3]!()},${when},${texts[rand(6)]}${eols[rand(40) ? rand(3) : 3]}`;
      }
      const bytes = new TextEncoder().encode(text);
      // The reference: every row field by field, as before the line lane existed.
      const rows = new RowAssembler({ onError: 'skip' });
      const tokenizer = new CsvTokenizer((f, line) => rows.add(f, line));
      tokenizer.push(text.slice(1));
      tokenizer.finish();
      const reference = { table: rows.finish(), ...rows.report() };
      const id = await hashTable(reference.table);
      const fast = await parseCsvStream(chunksOf(bytes, 65_537), { onError: 'skip' });
      // Inference sees floats; "0x10" or "Infinity" after row 30,000 widens x to text, in both lanes.
      expect(fast.promotions).toEqual([expect.objectContaining({ column: 'x', to: 'string' })]);
      expect(fast.table.columns.map((c) => c.type)).toEqual(
        reference.table.columns.map((c) => c.type),
      );
      expect(await hashTable(fast.table)).toBe(id);
      expect(fast.problems).toEqual(reference.problems);
      expect(fast.promotions).toEqual(reference.promotions);
      const { result } = await partitioned(bytes, 3, { onError: 'skip' });
      expect(result.table.rowCount).toBe(reference.table.rowCount);
      expect(await hashTable(result.table)).toBe(id);
    },
  );

  // An import's chunks are made and put one after another in one transaction: a failure after
  // some are written must undo the whole version.
  const version = (id: string): DatasetMeta => ({
    id,
    name: 'taxi',
    rowCount: 3,
    schema: [{ name: 'x', type: 'float' }],
    parents: [],
    transform: { kind: 'import', description: 'hostile' },
    createdAt: 1,
  });
  const chunk = (fill: number) => new Uint8Array(4096).fill(fill);
  const failures: [string, () => Iterable<Uint8Array>][] = [
    [
      'the third chunk cannot be made (encoding fails) after two were written',
      function* () {
        yield chunk(1);
        yield chunk(2);
        throw new RangeError('Array buffer allocation failed');
      },
    ],
    [
      'the third chunk cannot be cloned into the database after two were written',
      function* () {
        yield chunk(1);
        yield chunk(2);
        yield { byteOffset: 0, byteLength: 1, buffer: { byteLength: 1 }, f: () => 0 } as never;
        yield chunk(4);
      },
    ],
  ];
  for (const [what, chunks] of failures)
    hostile(
      'csv',
      `storing an imported version when ${what}: no version, no name and no chunk is left, and storing it again works`,
      { guards: 'data' },
      async () => {
        const db = await openStore();
        try {
          await expect(putDatasetVersion(db, version('v-fail'), chunks())).rejects.toThrow();
          expect(await listDatasetVersions(db)).toEqual([]);
          expect(await db.datasets.count()).toBe(0);
          expect(await db.datasetNames.count()).toBe(0);
          expect(await db.datasetChunks.count()).toBe(0);
          const row = await putDatasetVersion(db, version('v-fail'), [
            chunk(1),
            chunk(2),
            chunk(3),
          ]);
          expect(row).toMatchObject({ chunkCount: 3, byteLength: 3 * 4096 });
          expect(await db.datasetChunks.count()).toBe(3);
        } finally {
          db.close();
          await Dexie.delete(DB_NAME);
        }
      },
    );
});
