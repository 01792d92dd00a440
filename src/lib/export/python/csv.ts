import { isMissing, type Column, type ColumnarTable } from '../../data/columnar/types';

/** Naive wall time as the Labbook stores it (UTC), written as the course's CSV writes it. */
function datetimeText(ms: number, withMs: boolean): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, withMs ? 23 : 19)}`;
}

function quote(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cell(column: Column, i: number, withMs: boolean): string {
  if (isMissing(column, i)) return '';
  switch (column.type) {
    case 'boolean':
      return column.values[i] ? 'True' : 'False';
    case 'category':
      return quote(column.dictionary[column.codes[i]!]!);
    case 'string':
      return quote(column.values[i]!);
    case 'datetime':
      return datetimeText(column.values[i]!, withMs);
    default:
      // Shortest round-trip text: Python's float() reads back the same double.
      return String(column.values[i]!);
  }
}

/**
 * A stored table as CSV that pandas reads back to the same values: numbers in round-trip form,
 * datetimes as `YYYY-MM-DD HH:MM:SS` (with milliseconds only when some value has them), missing
 * values empty, text quoted when it must be.
 */
export function tableCsv(table: ColumnarTable): string {
  const withMs = table.columns.map(
    (c) => c.type === 'datetime' && Array.from(c.values).some((v) => v % 1000 !== 0),
  );
  const lines = [table.columns.map((c) => quote(c.name)).join(',')];
  for (let i = 0; i < table.rowCount; i++)
    lines.push(table.columns.map((c, j) => cell(c, i, withMs[j]!)).join(','));
  return `${lines.join('\n')}\n`;
}

/** The rows at `index` of `table`, in that order. */
export function takeTable(table: ColumnarTable, index: readonly number[]): ColumnarTable {
  const columns = table.columns.map((c): Column => {
    switch (c.type) {
      case 'boolean':
        return {
          ...c,
          values: Uint8Array.from(index, (i) => c.values[i]!),
          valid: Uint8Array.from(index, (i) => c.valid[i]!),
        };
      case 'category':
        return { ...c, codes: Uint32Array.from(index, (i) => c.codes[i]!) };
      case 'string':
        return { ...c, values: index.map((i) => c.values[i]!) };
      default:
        return { ...c, values: Float64Array.from(index, (i) => c.values[i]!) };
    }
  });
  return { ...(table.name ? { name: table.name } : {}), columns, rowCount: index.length };
}
