import { LabbookError } from '../../errors';

export type ColumnarErrorCode = 'not-a-table' | 'unsupported-version' | 'name-arquero-cannot-hold';

/** Problems with stored tables or their conversion, as values with a code. */
export class ColumnarError extends LabbookError<ColumnarErrorCode> {
  override name = 'ColumnarError';
}
