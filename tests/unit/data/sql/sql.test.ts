import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvStream } from '../../../../src/lib/data/csv';
import type { ColumnarTable } from '../../../../src/lib/data/columnar';
import {
  SqlDatabase,
  SqlError,
  buildDiabetesDatabase,
  resultToTable,
} from '../../../../src/lib/data/sql';
import { loadFixture } from '../../monitoring/reference';

const reference = loadFixture<{ name: string; sql: string; rows: unknown[][] }>(
  'diabetes-sql.json',
).cases;
let SQL: Awaited<ReturnType<typeof initSqlJs>>;

async function csv(path: string): Promise<ColumnarTable> {
  return (await parseCsvStream(new Response(readFileSync(path)).body!)).table;
}

async function diabetesDb(): Promise<SqlDatabase> {
  const db = new SqlDatabase(new SQL.Database());
  buildDiabetesDatabase(
    db,
    await csv('datasets/diabetes/diabetes.csv'),
    await csv('datasets/diabetes/diabetes-course-split.csv'),
  );
  return db;
}

beforeAll(async () => {
  SQL = await initSqlJs({
    wasmBinary: new Uint8Array(readFileSync('node_modules/sql.js/dist/sql-wasm.wasm')).buffer,
  });
});

describe("the course's diabetes.db in SQLite (WebAssembly)", () => {
  it('has train and test tables with the numbers pandas + sqlite3 give', async () => {
    const db = await diabetesDb();
    expect(db.tables()).toEqual([
      { name: 'test', rows: 89, columns: expect.arrayContaining(['age', 'bmi', 'target']) },
      { name: 'train', rows: 353, columns: expect.arrayContaining(['age', 'bmi', 'target']) },
    ]);
    for (const { name, sql, rows } of reference) {
      const got = db.query(sql).rows;
      expect(got.length, name).toBe(rows.length);
      got.forEach((row, i) =>
        row.forEach((v, j) =>
          expect(v as number, `${name}[${i}][${j}]`).toBeCloseTo(rows[i]![j] as number, 10),
        ),
      );
    }
  });

  it("answers the course's random test-patient query", async () => {
    const db = await diabetesDb();
    const result = db.query('SELECT * FROM test ORDER BY RANDOM() LIMIT 5');
    expect(result.rows).toHaveLength(5);
    expect(result.columns).toHaveLength(11);
    const table = resultToTable(result);
    expect(table.columns.find((c) => c.name === 'target')?.type).toBe('integer');
  });

  it('reports a syntax error with the statement and where it points', async () => {
    const db = await diabetesDb();
    const error = (() => {
      try {
        db.query('SELECT * FORM train');
      } catch (e) {
        return e as SqlError;
      }
    })()!;
    expect(error).toBeInstanceOf(SqlError);
    expect(error.code).toBe('sql-error');
    expect(error.message).toBe(
      'SQL error: near "FORM": syntax error (at character 10)\n  SELECT * FORM train\n           ^',
    );
  });

  it('survives export and reopen, and loads every column type with missing values', async () => {
    const db = new SqlDatabase(new SQL.Database());
    db.loadTable('mixed', {
      rowCount: 2,
      columns: [
        { name: 'i', type: 'integer', values: Float64Array.of(1, NaN) },
        { name: 'f', type: 'float', values: Float64Array.of(NaN, 2.5) },
        { name: 's', type: 'string', values: ['a', null] },
        { name: 'c', type: 'category', codes: Uint32Array.of(0, 0xffffffff), dictionary: ['x'] },
        { name: 'b', type: 'boolean', values: Uint8Array.of(1, 0), valid: Uint8Array.of(1, 0) },
        { name: 'd', type: 'datetime', values: Float64Array.of(Date.UTC(2016, 0, 1), NaN) },
      ],
    });
    const reopened = new SqlDatabase(new SQL.Database(db.export()));
    expect(reopened.query('SELECT * FROM mixed').rows).toEqual([
      [1, null, 'a', 'x', 1, '2016-01-01T00:00:00.000Z'],
      [null, 2.5, null, null, null, null],
    ]);
    expect(reopened.query('INSERT INTO mixed (i) VALUES (3), (4)').changes).toBe(2);
  });
});
