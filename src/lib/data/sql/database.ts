import type { Database, SqlValue } from 'sql.js';
import { valueAt, type Column, type ColumnarTable } from '../columnar';
import { LabbookError } from '../../errors';

export interface SqlResult {
  columns: string[];
  rows: SqlValue[][];
  /** Rows changed by the last statement (INSERT, UPDATE, DELETE). */
  changes: number;
}

/** An SQLite error as a value: SQLite's own message, the statement, and where it points. */
export class SqlError extends LabbookError<'sql-error'> {
  override name = 'SqlError';
  constructor(
    message: string,
    readonly statement: string,
    readonly position?: number,
  ) {
    const near = /near "([^"]*)"/.exec(message)?.[1];
    const at = position === undefined ? '' : ` (at character ${position + 1})`;
    super(
      'sql-error',
      `SQL error: ${message}${at}${near !== undefined && position !== undefined ? `\n  ${statement.split('\n').join('\n  ')}\n  ${' '.repeat(position)}^` : ''}`,
    );
  }
}

function sqlType(column: Column): string {
  if (column.type === 'integer' || column.type === 'boolean') return 'INTEGER';
  if (column.type === 'float') return 'REAL';
  return 'TEXT';
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A thin, typed wrapper over one sql.js database. */
export class SqlDatabase {
  constructor(private readonly db: Database) {}

  /** Runs one or more statements; returns the last result set (or none, with the change count). */
  query(sql: string, params?: SqlValue[] | Record<string, SqlValue>): SqlResult {
    try {
      const results = this.db.exec(sql, params);
      const last = results[results.length - 1];
      return {
        columns: last?.columns ?? [],
        rows: last?.values ?? [],
        changes: this.db.getRowsModified(),
      };
    } catch (error) {
      const message = (error as Error).message;
      const near = /near "([^"]*)"/.exec(message)?.[1];
      const position = near ? sql.indexOf(near) : -1;
      throw new SqlError(message, sql, position >= 0 ? position : undefined);
    }
  }

  /** Creates (or replaces) a typed table and inserts every row in one transaction. */
  loadTable(name: string, table: ColumnarTable, options: { ifExists?: 'fail' | 'replace' } = {}) {
    const columns = table.columns;
    const defs = columns.map((c) => `${quoteIdent(c.name)} ${sqlType(c)}`).join(', ');
    if (options.ifExists === 'replace') this.query(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
    this.query(`CREATE TABLE ${quoteIdent(name)} (${defs})`);
    const insert = this.db.prepare(
      `INSERT INTO ${quoteIdent(name)} VALUES (${columns.map(() => '?').join(', ')})`,
    );
    this.db.exec('BEGIN');
    try {
      for (let row = 0; row < table.rowCount; row++) {
        insert.run(
          columns.map((c) => {
            const v = valueAt(c, row);
            if (v === null) return null;
            if (typeof v === 'boolean') return v ? 1 : 0;
            if (c.type === 'datetime') return new Date(v as number).toISOString();
            return v;
          }),
        );
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    } finally {
      insert.free();
    }
  }

  /** The user tables with their row counts and columns. */
  tables(): { name: string; rows: number; columns: string[] }[] {
    const names = this.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    ).rows.map((r) => String(r[0]));
    return names.map((name) => ({
      name,
      rows: Number(this.query(`SELECT COUNT(*) FROM ${quoteIdent(name)}`).rows[0]![0]),
      columns: this.query(`PRAGMA table_info(${quoteIdent(name)})`).rows.map((r) => String(r[1])),
    }));
  }

  export(): Uint8Array {
    return this.db.export();
  }

  close(): void {
    this.db.close();
  }
}

/** A query result as a columnar table: numbers stay numbers, NULL is missing. */
export function resultToTable(result: SqlResult): ColumnarTable {
  const columns: Column[] = result.columns.map((name, j) => {
    const values = result.rows.map((r) => r[j] ?? null);
    const present = values.filter((v) => v !== null);
    if (present.every((v) => typeof v === 'number')) {
      const nums = Float64Array.from(values, (v) => (v === null ? NaN : (v as number)));
      return {
        name,
        type: present.every((v) => Number.isInteger(v)) ? 'integer' : 'float',
        values: nums,
      };
    }
    return {
      name,
      type: 'string',
      values: values.map((v) =>
        v === null ? null : v instanceof Uint8Array ? '<blob>' : String(v),
      ),
    };
  });
  return { columns, rowCount: result.rows.length };
}
