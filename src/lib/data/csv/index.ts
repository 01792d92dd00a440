export { parseCsvStream } from './parse-stream';
export { CsvImportError, type CsvErrorCode, type RowProblem } from './errors';
export type { CsvImportOptions, CsvProgress, ImportResult, Promotion } from './options';
export { parseDatetime } from './values';
export { CsvTokenizer } from './tokenizer';
