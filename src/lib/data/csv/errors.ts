import { LabbookError } from '../../errors';

export type CsvErrorCode =
  | 'empty-file'
  | 'invalid-utf8'
  | 'bad-header'
  | 'unknown-column'
  | 'malformed-row'
  | 'cannot-promote';

/**
 * One problem with one row. `line` is the 1-based physical line of the file where the row
 * starts (the header is line 1; a quoted line break starts a new line), the place an editor
 * shows; `row` is the 1-based data row (the header is not a row, skipped rows count).
 */
export interface RowProblem {
  line: number;
  row: number;
  column?: string;
  reason: string;
  /** The first 200 characters of the row (fields re-joined with the delimiter). */
  raw?: string;
  /** For undecodable bytes: the offset in the file of the first bad byte. */
  byte?: number;
}

/** The error value `parseCsvStream` rejects with (besides an `AbortError`). */
export class CsvImportError extends LabbookError<CsvErrorCode> {
  override readonly name = 'CsvImportError';
  constructor(
    code: CsvErrorCode,
    message: string,
    readonly problem?: RowProblem,
  ) {
    super(code, message);
  }
}

export function rowProblemError(p: RowProblem): CsvImportError {
  const at = `line ${p.line} (data row ${p.row})`;
  const where = p.column === undefined ? at : `${at}, column "${p.column}"`;
  return new CsvImportError(
    'malformed-row',
    `CSV ${where}: ${p.reason}. Either fix that line in the file or import with onError: 'skip' to drop bad rows.`,
    p,
  );
}

export function invalidUtf8Error(p: RowProblem & { byte: number }): CsvImportError {
  return new CsvImportError(
    'invalid-utf8',
    `The file is not valid UTF-8: byte ${p.byte} (line ${p.line}) cannot be decoded. ` +
      'Re-save the file as "CSV UTF-8" (e.g. in Excel or LibreOffice) and import it again.',
    p,
  );
}

/**
 * The same error as if `error`'s input had `lines` more lines, `rows` more data rows and
 * `bytes` more bytes before it: a part of a file renumbered to the whole file.
 */
export function shiftedError(
  error: CsvImportError,
  by: { lines: number; rows: number; bytes: number },
): CsvImportError {
  const p = error.problem;
  if (!p) return error;
  const shifted = { ...p, line: p.line + by.lines, row: p.row + by.rows };
  if (error.code === 'invalid-utf8' && p.byte !== undefined)
    return invalidUtf8Error({ ...shifted, byte: p.byte + by.bytes });
  return error.code === 'malformed-row' ? rowProblemError(shifted) : error;
}

export function abortError(): Error {
  return new DOMException('The CSV import was cancelled.', 'AbortError');
}
