import { type ColumnarTable, type ColumnType } from '../columnar/types';
import { type RowProblem } from './errors';

export interface CsvProgress {
  bytes: number;
  totalBytes?: number;
  rows: number;
}

export interface CsvImportOptions {
  /** Table name stored on the result. */
  name?: string;
  /** Per-column type overrides; values that do not fit are row problems. */
  types?: Record<string, ColumnType>;
  /** Rows used to infer column types (default 1,000); later rows can still promote a type. */
  inferRows?: number;
  /** `'stop'` (default): reject with the first problem; `'skip'`: drop bad rows, report them. */
  onError?: 'stop' | 'skip';
  /** How many problems to keep in `problems` (default 100); `problemCount` has the total. */
  maxProblems?: number;
  delimiter?: string;
  /** File size, passed through to progress reports. */
  totalBytes?: number;
  signal?: AbortSignal;
  /** Report progress at most every `progressIntervalMs` (default 100) … */
  progressIntervalMs?: number;
  /** … or every `progressRows` rows (default 100,000), whichever comes first. */
  progressRows?: number;
}

/** A column whose inferred type was widened by a later row. */
export interface Promotion {
  column: string;
  from: ColumnType;
  to: ColumnType;
  /** The file line (1-based, the header is line 1) of the row that caused it… */
  line: number;
  /** … and that row's 1-based number among the data rows. */
  row: number;
}

export interface ImportResult {
  table: ColumnarTable;
  /** At most `maxProblems` problems, in file order. */
  problems: RowProblem[];
  problemCount: number;
  promotions: Promotion[];
  bytes: number;
}
