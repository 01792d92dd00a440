import { LabbookError } from '../errors';

export type DataErrorCode =
  // The course's split file does not match the table it splits.
  'bad-split' | 'unknown-column' | 'not-numeric' | 'bad-expectation' | 'unknown-operator';

/**
 * A data operation refused for its input (documents, split files, expectations). It keeps the
 * plain name "Error", as these are shown in cells as `name: message` and read well that way.
 */
export class DataError extends LabbookError<DataErrorCode> {}
