export * from './types';
export { Growable } from './growable';
export { encodeTable, encodeTableChunks, encodedChunks, decodeTable } from './serialize';
export { toArquero, fromArquero, typedColumn, type ToArqueroOptions } from './arquero';
export { ColumnarError, type ColumnarErrorCode } from './errors';
