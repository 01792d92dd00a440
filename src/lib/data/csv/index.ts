export { parseCsvStream, parseWith, CsvStreamParser } from './parse-stream';
export { CsvImportError, shiftedError, type CsvErrorCode, type RowProblem } from './errors';
export type { CsvImportOptions, CsvProgress, ImportResult, Promotion } from './options';
export { parseDatetime } from './values';
export { CsvTokenizer } from './tokenizer';
