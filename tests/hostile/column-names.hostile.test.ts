import { beforeEach, describe, expect } from 'vitest';
import { csvPreview } from '../../src/lib/data/catalog/preview';
import { summarize } from '../../src/lib/data/catalog/summary';
import { diffTables } from '../../src/lib/data/catalog/diff';
import { fromArquero, toArquero, valueAt, type ColumnarTable } from '../../src/lib/data/columnar';
import { suite, validate } from '../../src/lib/data/validation';
import type { Output } from '../../src/lib/kernel/outputs';
import { createKernelRuntime, type KernelRuntime } from '../../src/lib/kernel/runtime';
import { useNodeServices } from '../unit/lab/node-services';
import type { LabServices } from '../../src/lib/lab/services';
import type { TableOutput } from '../../src/lib/kernel/outputs';
import { onePass, partitioned } from '../unit/data/partitions/helpers';
import { finish, mapPart, reduceParts, type JobPlan } from '../../src/lib/data/partitions';
import type { Column, ColumnType } from '../../src/lib/data/columnar';
import { FeatureError, frameFromTable, numeric } from '../../src/lib/features/frame';
import { hostile } from './hostile';

/** Rows [start, end) of a column, for cutting a table into parts by hand. */
function sliceColumn(c: Column, start: number, end: number): Column {
  if (c.type === 'category') return { ...c, codes: c.codes.slice(start, end) };
  if (c.type === 'boolean')
    return { ...c, values: c.values.slice(start, end), valid: c.valid.slice(start, end) };
  if (c.type === 'string') return { ...c, values: c.values.slice(start, end) };
  return { ...c, values: c.values.slice(start, end) };
}

/** Names that are special to JavaScript objects, or awkward in a file, a key or a screen. */
const SPECIAL = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
];
const AWKWARD = [
  'a.b.c',
  'say "hi"',
  "it's",
  'two\nlines',
  'x'.repeat(10_240),
  'naïve café 列 🙂 שלום',
  '  padded  ',
];
const NAMES = [...SPECIAL, ...AWKWARD];

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** A CSV whose columns are `names`, each column i holding i+1, i+2, i+3 (and 'x' in the last). */
function csvWith(names: string[], rows = 3): string {
  const lines = [names.map(quote).join(',')];
  for (let r = 0; r < rows; r++) lines.push(names.map((_, i) => String(i + 1 + r)).join(','));
  return lines.join('\n') + '\n';
}

/** The table must have exactly these columns, in order, each with its own values. */
function expectColumns(table: ColumnarTable, names: string[]): void {
  expect(table.columns.map((c) => c.name)).toEqual(names);
  table.columns.forEach((c, i) => expect(valueAt(c, 0), names[i]).toBe(i + 1));
}

/** What crosses comlink is structured-cloned: it must survive the clone unchanged. */
function expectCloneable(value: unknown): void {
  expect(structuredClone(value)).toEqual(value);
}

let kernel: KernelRuntime;
async function cell(source: string): Promise<Output[]> {
  const { outputs, status } = await kernel.run('c', source, () => undefined);
  const last = outputs.at(-1) as (Output & { message?: string }) | undefined;
  if (status !== 'ok') throw new Error(`cell failed: ${last?.message}`);
  return outputs;
}

let services: LabServices;

describe('column names', () => {
  beforeEach(async () => {
    services = useNodeServices();
    kernel = createKernelRuntime();
    await kernel.reset();
  });

  hostile(
    'names',
    'JavaScript-special and awkward column names through CSV import',
    { guards: 'data' },
    async () => {
      const csv = csvWith(NAMES);
      const preview = await csvPreview(new Blob([csv]));
      expect(preview.columns.map((c) => c.name)).toEqual(NAMES);
      expect(preview.columns.every((c) => c.type === 'integer')).toBe(true);
      expectCloneable(preview);
      const result = await onePass(csv);
      expectColumns(result.table, NAMES);
      expectCloneable(result);
      const inParts = await partitioned(csv, 2);
      expectColumns(inParts.result.table, NAMES);
    },
  );

  hostile(
    'names',
    'type overrides for JavaScript-special column names',
    { guards: 'data' },
    async () => {
      const csv = csvWith(NAMES);
      // Overrides built as the Data page builds them (Object.fromEntries) and as a student would.
      const types = Object.fromEntries(NAMES.map((n): [string, ColumnType] => [n, 'float']));
      const result = await onePass(csv, { types });
      expect(result.table.columns.map((c) => c.type)).toEqual(NAMES.map(() => 'float'));
      expectCloneable(result);
      // No override: names that are keys of every object must not read as overrides.
      const plain = await onePass(csv, { types: {} });
      expect(plain.table.columns.map((c) => c.type)).toEqual(NAMES.map(() => 'integer'));
      expectCloneable(plain);
    },
  );

  hostile(
    'names',
    'statistics, validation and diff of special column names',
    { guards: 'data' },
    async () => {
      const { table } = await onePass(csvWith(NAMES));
      const summary = summarize(table);
      expect(summary.map((s) => s.column)).toEqual(NAMES);
      expectCloneable(summary);
      let s = suite('names').expectTableColumnsToMatchSet(NAMES, { exactMatch: true });
      for (const n of NAMES)
        s = s.expectColumnValuesToNotBeNull(n).expectColumnValuesToBeBetween(n, 0, 100);
      const report = validate(table, s.toJSON());
      expect(report.success).toBe(true);
      expectCloneable(report);
      const { table: after } = await onePass(csvWith(NAMES, 4));
      const diff = diffTables(table, after);
      expectCloneable(diff);
      expect(diff.rows.added).toBe(1);
    },
  );

  hostile('names', 'special column names to arquero and back', { guards: 'data' }, async () => {
    const { table } = await onePass(csvWith(NAMES.filter((n) => n !== '__proto__')));
    const back = fromArquero(toArquero(table));
    expectColumns(
      back,
      NAMES.filter((n) => n !== '__proto__'),
    );
  });

  hostile(
    'names',
    'special column names in lab.data.load, its table output and paging, and a saved version',
    { guards: 'data' },
    async () => {
      const names = NAMES.filter((n) => n !== '__proto__');
      const { table } = await onePass(csvWith(names, 30));
      await services.catalog.save('odd', table, {
        transform: { kind: 'import', description: 'names' },
      });
      const outputs = await cell("const d = await lab.data.load('odd');\nd");
      const out = outputs.at(-1) as TableOutput;
      expect(out.type).toBe('table');
      expect(out.columns.map((c) => c.name)).toEqual(names);
      expect(out.columns.every((c) => c.type === 'number')).toBe(true);
      expect(out.rows[0]).toEqual(names.map((_, i) => i + 1));
      expectCloneable(out);
      const empty = (await cell('d.slice(0, 0)')).at(-1) as TableOutput;
      expect(empty.columns.map((c) => c.type)).not.toContain('function');
      expectCloneable(empty);
      const page = kernel.tablePage(out.ref, 20, 10);
      expect(page.rows[0]).toEqual(names.map((_, i) => i + 21));
      const saved = await cell(
        "const v = await lab.data.save('odd-copy', d.slice(1), { from: d });\nv.schema",
      );
      expect(saved.at(-1)).toMatchObject({ type: 'value' });
      const copy = await services.catalog.load('odd-copy');
      expect(copy.table.rowCount).toBe(29);
      expect(copy.table.columns.map((c) => c.name)).toEqual(names);
      copy.table.columns.forEach((c, i) => expect(valueAt(c, 0), names[i]).toBe(i + 2));
      expect(copy.version.schema.map((c) => c.name)).toEqual(names);
      const summary = await cell("lab.data.summary('odd')");
      const shown = summary.at(-1) as TableOutput;
      expect(shown.total).toBe(names.length);
      expect(shown.rows.map((r) => r[0])).toEqual(names.slice(0, 10));
    },
  );

  hostile(
    'names',
    'a column named __proto__ in lab.data.load: a clear error, nothing lost',
    { guards: 'clarity' },
    async () => {
      const { table } = await onePass(csvWith(NAMES));
      await services.catalog.save('proto', table, {
        transform: { kind: 'import', description: 'names' },
      });
      await expect(cell("await lab.data.load('proto')")).rejects.toThrow(/"__proto__".*arquero/i);
      // Stored whole all the same: summary and validation still read it.
      const summary = await cell("lab.data.summary('proto')");
      const shown = summary.at(-1) as TableOutput;
      expect(shown.total).toBe(NAMES.length);
      expect(shown.rows.map((r) => r[0])).toEqual(NAMES.slice(0, 10));
    },
  );

  hostile(
    'names',
    'special column names and values in a job over parts (describe, group counts)',
    { guards: 'data' },
    async () => {
      const values = [...SPECIAL, 'x'];
      const csv = ['constructor,__proto__', ...values.map((v, i) => `${i},${v}`)].join('\n');
      const { table } = await onePass(csv);
      const describe: JobPlan = {
        filters: [],
        aggregate: { kind: 'describe', columns: ['constructor'] },
      };
      const group: JobPlan = {
        filters: [],
        aggregate: { kind: 'groupCount', column: '__proto__', by: 'value' },
      };
      for (const plan of [describe, group]) {
        const halves = [0, 4, values.length].slice(1).map((end, i, ends) => ({
          ...table,
          rowCount: end - (i ? ends[i - 1]! : 0),
          columns: table.columns.map((c) => sliceColumn(c, i ? ends[i - 1]! : 0, end)),
        }));
        const partial = structuredClone(
          reduceParts(mapPart(halves[0]!, plan), mapPart(halves[1]!, plan)),
        );
        expect(partial).toEqual(mapPart(table, plan));
        const rows = finish(partial, plan);
        if (plan === group) {
          expect(rows).toHaveLength(values.length);
          for (const row of rows) {
            expect(Object.keys(row)).toEqual(['__proto__', 'count']);
            expect(row.count).toBe(1);
          }
        } else expect(rows).toEqual([expect.objectContaining({ column: 'constructor', count: 8 })]);
      }
    },
  );

  hostile(
    'names',
    'special column names as feature inputs (a stored table as a frame)',
    { guards: 'data' },
    async () => {
      const { table } = await onePass(csvWith(NAMES));
      for (const frame of [frameFromTable(table), structuredClone(frameFromTable(table))]) {
        NAMES.forEach((n, i) => expect(numeric(frame, n)[0], n).toBe(i + 1));
        expect(() => numeric(frame, 'missing')).toThrow(FeatureError);
      }
      const { table: plain } = await onePass('a\n1\n');
      for (const n of SPECIAL) expect(() => numeric(frameFromTable(plain), n)).toThrow(/No column/);
    },
  );

  hostile(
    'names',
    'empty and duplicate column names: refused, saying which positions',
    { guards: 'clarity' },
    async () => {
      await expect(onePass('a,,b\n1,2,3\n')).rejects.toThrow(
        /empty column names at position\(s\) 2\. Either name every column/,
      );
      await expect(onePass('"__proto__",x,"__proto__"\n1,2,3\n')).rejects.toThrow(
        /names column "__proto__" twice, at positions 1 and 3\. Rename one/,
      );
      await expect(
        onePass('a,b\n1,2\n', { types: { toString: 'float' as ColumnType } }),
      ).rejects.toThrow(
        /Type overrides name column\(s\) not in the header: toString\. The columns are: a, b/,
      );
    },
  );
});
