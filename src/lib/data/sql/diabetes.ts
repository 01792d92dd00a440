import type { ColumnarTable } from '../columnar';
import { valueAt } from '../columnar';
import type { SqlDatabase } from './database';
import { DataError } from '../errors';

/** Rows of `table` whose index is in `rows`. */
function pick(table: ColumnarTable, rows: number[]): ColumnarTable {
  return {
    rowCount: rows.length,
    columns: table.columns.map((c) => {
      if (c.type === 'string') return { ...c, values: rows.map((i) => c.values[i] ?? null) };
      if (c.type === 'category') return { ...c, codes: Uint32Array.from(rows, (i) => c.codes[i]!) };
      if (c.type === 'boolean')
        return {
          ...c,
          values: Uint8Array.from(rows, (i) => c.values[i]!),
          valid: Uint8Array.from(rows, (i) => c.valid[i]!),
        };
      return { ...c, values: Float64Array.from(rows, (i) => c.values[i]!) };
    }),
  };
}

/**
 * The course's `diabetes.db`: the 442 patients split into `train` (353) and `test` (89) tables by
 * the course's split file, which marks each row (file order) "train" or "test".
 */
export function buildDiabetesDatabase(
  db: SqlDatabase,
  diabetes: ColumnarTable,
  split: ColumnarTable,
): void {
  const marks = split.columns.find((c) => c.name === 'split');
  if (!marks || split.rowCount !== diabetes.rowCount)
    throw new DataError(
      'bad-split',
      `The split file must have a "split" column with one row per patient (${diabetes.rowCount}).`,
    );
  const rows = { train: [] as number[], test: [] as number[] };
  for (let i = 0; i < split.rowCount; i++) {
    const mark = valueAt(marks, i);
    if (mark !== 'train' && mark !== 'test')
      throw new DataError(
        'bad-split',
        `Split row ${i + 1}: expected "train" or "test", found ${JSON.stringify(mark)}.`,
      );
    rows[mark].push(i);
  }
  db.loadTable('train', pick(diabetes, rows.train), { ifExists: 'replace' });
  db.loadTable('test', pick(diabetes, rows.test), { ifExists: 'replace' });
}
