export type CsvErrorCode =
  'empty-file' | 'invalid-utf8' | 'bad-header' | 'unknown-column' | 'malformed-row';

/** One problem with one row: `row` is the 1-based line in the file where the row starts. */
export interface RowProblem {
  row: number;
  column?: string;
  reason: string;
  /** The first 200 characters of the row (fields re-joined with the delimiter). */
  raw?: string;
}

/** The error value `parseCsvStream` rejects with (besides an `AbortError`). */
export class CsvImportError extends Error {
  override readonly name = 'CsvImportError';
  constructor(
    readonly code: CsvErrorCode,
    message: string,
    readonly problem?: RowProblem,
  ) {
    super(message);
  }
}

export function rowProblemError(p: RowProblem): CsvImportError {
  const where = p.column === undefined ? `row ${p.row}` : `row ${p.row}, column "${p.column}"`;
  return new CsvImportError(
    'malformed-row',
    `CSV ${where}: ${p.reason}. Either fix that line in the file or import with onError: 'skip' to drop bad rows.`,
    p,
  );
}

export function abortError(): Error {
  return new DOMException('The CSV import was cancelled.', 'AbortError');
}
