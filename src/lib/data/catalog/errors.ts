import { LabbookError } from '../../errors';

/** Data catalogue problems as values with a code, worded for the student. */
export class DataCatalogError extends LabbookError<
  'unknown-dataset' | 'unknown-version' | 'invalid-name' | 'shipped-unavailable'
> {
  override name = 'DataCatalogError';
}
