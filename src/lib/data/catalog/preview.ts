import { valueAt, type ColumnType } from '../columnar';
import { parseCsvStream } from '../csv';

export interface CsvPreview {
  columns: { name: string; type: ColumnType }[];
  rows: (string | number | boolean | null)[][];
  /** Rows in the preview (from the first `bytes` of the file). */
  previewRows: number;
}

const PREVIEW_BYTES = 256 * 1024;

/**
 * Inferred column types and the first rows, from the start of the file, so the student can
 * override a type before the full import.
 */
export async function csvPreview(file: Blob, rows = 20): Promise<CsvPreview> {
  const head = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  // Cut at the last complete line, unless the whole file fits.
  const end = file.size <= PREVIEW_BYTES ? head.length : head.lastIndexOf(0x0a) + 1;
  const { table } = await parseCsvStream(file.slice(0, end || head.length).stream(), {
    onError: 'skip',
  });
  const shown = Math.min(rows, table.rowCount);
  return {
    columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: Array.from({ length: shown }, (_, i) =>
      table.columns.map((c) => {
        const v = valueAt(c, i);
        return c.type === 'datetime' && typeof v === 'number' ? new Date(v).toISOString() : v;
      }),
    ),
    previewRows: table.rowCount,
  };
}
