import { from as aqFrom, type ColumnTable } from 'arquero';
import type { SqlValue } from 'sql.js';
import { toArquero } from '../data/columnar';
import { buildDiabetesDatabase, resultToTable, SqlDatabase } from '../data/sql';
import { defineLabNamespace } from './index';
import { fromArqueroOrRef } from './tables';
import { labServices } from './services';

const READ_ONLY = /^\s*(select|with|pragma|explain)\b/i;
const NAME = /^[a-z0-9][\w.-]*$/i;

/** A database a cell opened: queries give arquero tables; every change is saved at once. */
class SqlHandle {
  constructor(
    readonly name: string,
    private readonly db: SqlDatabase,
  ) {}

  /** Runs SQL; the last result set comes back as a table. */
  async query(sql: string, params?: SqlValue[] | Record<string, SqlValue>): Promise<ColumnTable> {
    const result = this.db.query(sql, params);
    if (!READ_ONLY.test(sql)) await this.save();
    return toArquero(resultToTable(result));
  }

  /** Runs a statement that changes data; returns how many rows changed. */
  async run(
    sql: string,
    params?: SqlValue[] | Record<string, SqlValue>,
  ): Promise<{ changes: number }> {
    const { changes } = this.db.query(sql, params);
    await this.save();
    return { changes };
  }

  /** Creates (or replaces) a table from an arquero table or a dataset name. */
  async load(table: string, data: unknown): Promise<{ table: string; rows: number }> {
    const columnar = await fromArqueroOrRef(data);
    this.db.loadTable(table, columnar, { ifExists: 'replace' });
    await this.save();
    return { table, rows: columnar.rowCount };
  }

  tables(): ColumnTable {
    return aqFrom(this.db.tables().map((t) => ({ ...t, columns: t.columns.join(', ') })));
  }

  private save(): Promise<void> {
    return labServices().sql.save(this.name, this.db.export());
  }
}

async function open(name = 'diabetes'): Promise<SqlHandle> {
  if (!NAME.test(name))
    throw new TypeError(`Database names are letters, digits, "-", "_", "." (got "${name}").`);
  const { sql, catalog } = labServices();
  const SQL = await sql.engine();
  const stored = await sql.load(name);
  const db = new SqlDatabase(new SQL.Database(stored ?? undefined));
  if (!stored && name === 'diabetes') {
    // The course builds diabetes.db from the data and its split: train (353) and test (89).
    const [data, split] = await Promise.all([
      catalog.load('diabetes'),
      catalog.load('diabetes-split'),
    ]);
    buildDiabetesDatabase(db, data.table, split.table);
    await sql.save(name, db.export());
  }
  return new SqlHandle(name, db);
}

defineLabNamespace('sql', () => ({
  open,
  async reset(name = 'diabetes') {
    await labServices().sql.save(name, new (await labServices().sql.engine()).Database().export());
    return `Database "${name}" emptied.${name === 'diabetes' ? ' lab.sql.open() rebuilds train and test.' : ''}`;
  },
}));
