/** Data catalogue problems as values with a code, worded for the student. */
export class DataCatalogError extends Error {
  override name = 'DataCatalogError';
  constructor(
    readonly code: 'unknown-dataset' | 'unknown-version' | 'invalid-name' | 'shipped-unavailable',
    message: string,
  ) {
    super(message);
  }
}
