import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvStream } from '../../../../src/lib/data/csv';
import { isNumericSummary, summarize } from '../../../../src/lib/data/catalog/summary';
import { diffTables } from '../../../../src/lib/data/catalog/diff';
import type { ColumnarTable } from '../../../../src/lib/data/columnar';
import { closeTo, loadFixture } from '../../monitoring/reference';

type Expected = Record<string, Record<string, number | string>>;
const fixture = loadFixture<{ name: string; columns: Expected }>('summary.json');

function check(table: ColumnarTable, expected: Expected) {
  for (const s of summarize(table)) {
    const e = expected[s.column]!;
    expect(s.count, s.column).toBe(e.count);
    expect(s.missing, s.column).toBe(e.missing);
    if (isNumericSummary(s)) {
      for (const key of ['mean', 'std', 'min', 'q25', 'median', 'q75', 'max'] as const)
        expect(closeTo(s[key], e[key] as number, 1e-12, 1e-12), `${s.column}.${key}`).toBe(true);
    } else {
      expect([s.unique, s.top, s.freq]).toEqual([e.unique, e.top, e.freq]);
    }
  }
}

describe('summary statistics (pandas describe)', () => {
  it('matches pandas on the diabetes data', async () => {
    const bytes = readFileSync('datasets/diabetes/diabetes.csv');
    const { table } = await parseCsvStream(new Response(bytes).body!);
    check(table, fixture.cases.find((c) => c.name === 'diabetes')!.columns);
  });

  it('matches pandas with missing values in numbers and categories', () => {
    const table: ColumnarTable = {
      rowCount: 6,
      columns: [
        { name: 'x', type: 'float', values: Float64Array.of(1.5, NaN, 3, 10, -2, 4.25) },
        {
          name: 'c',
          type: 'category',
          codes: Uint32Array.of(0, 1, 0xffffffff, 0, 0, 1),
          dictionary: ['a', 'b'],
        },
      ],
    };
    check(table, fixture.cases.find((c) => c.name === 'mixed with missing values')!.columns);
  });
});

describe('diffing two versions', () => {
  const t = (columns: ColumnarTable['columns']): ColumnarTable => ({
    rowCount:
      columns[0]!.type === 'category' ? columns[0]!.codes.length : columns[0]!.values.length,
    columns,
  });

  it('reports schema changes, row changes as multisets, and statistics side by side', () => {
    const before = t([
      { name: 'id', type: 'integer', values: Float64Array.of(1, 2, 3, 3) },
      { name: 'x', type: 'float', values: Float64Array.of(10, 20, 30, 30) },
      { name: 'gone', type: 'string', values: ['a', 'b', 'c', 'd'] },
    ]);
    const after = t([
      { name: 'id', type: 'integer', values: Float64Array.of(3, 1, 4) },
      { name: 'x', type: 'float', values: Float64Array.of(30, 10, 40) },
      { name: 'new', type: 'float', values: Float64Array.of(0, 0, 0) },
    ]);
    const diff = diffTables(before, after);
    expect(diff.schema).toEqual({ added: ['new'], removed: ['gone'], typeChanged: [] });
    // (1,10) and one (3,30) survive; (2,20) and the second (3,30) are gone; (4,40) is new.
    expect(diff.rows).toEqual({ before: 4, after: 3, added: 1, removed: 2, unchanged: 2 });
    expect(diff.columns.map((c) => c.column)).toEqual(['id', 'x']);
    const x = diff.columns[1]!;
    expect([x.before, x.after].map((s) => ('mean' in s ? s.mean : NaN))).toEqual([22.5, 80 / 3]);
  });

  it('sees a type change', () => {
    const diff = diffTables(
      t([{ name: 'a', type: 'integer', values: Float64Array.of(1) }]),
      t([{ name: 'a', type: 'string', values: ['1'] }]),
    );
    expect(diff.schema.typeChanged).toEqual([{ column: 'a', from: 'integer', to: 'string' }]);
  });
});
