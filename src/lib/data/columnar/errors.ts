export type ColumnarErrorCode = 'not-a-table' | 'unsupported-version' | 'name-arquero-cannot-hold';

/** Problems with stored tables or their conversion, as values with a code. */
export class ColumnarError extends Error {
  override name = 'ColumnarError';
  constructor(
    readonly code: ColumnarErrorCode,
    message: string,
  ) {
    super(message);
  }
}
