import { DuckError } from './errors';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** A column or table name inside double quotes, any character allowed (SQL's own escape). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A table name a cell chose: a plain identifier, so it reads the same unquoted in the SQL the
 * student writes, and nothing in it can end the statement.
 */
export function tableName(name: unknown): string {
  if (typeof name === 'string' && IDENT.test(name)) return name;
  throw new DuckError({
    code: 'name',
    message: `${JSON.stringify(name)} is not a table name: use letters, digits and _ (not first), at most 63 characters, e.g. 'trips'.`,
  });
}

/** The table a dataset lands in by default: 'nyc-taxi' → nyc_taxi. */
export function tableNameFor(dataset: string): string {
  const base = (dataset.split('@')[0] ?? '')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^([0-9])/, '_$1');
  return tableName(base.slice(0, 63) || '_');
}
