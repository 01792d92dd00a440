import { LabbookError } from '../errors';

export type AppFormErrorCode =
  | 'bad-name'
  | 'reserved-name'
  | 'bad-endpoint'
  | 'unknown-endpoint'
  | 'no-request-schema'
  | 'unknown-field'
  | 'missing-required'
  | 'too-many-fields'
  | 'bad-option'
  | 'bad-answer'
  | 'not-found';

/** A form declaration's or its API answer's problem, worded for the student: what, where, the fix. */
export class AppFormError extends LabbookError<AppFormErrorCode> {
  override name = 'AppFormError';
  constructor(
    code: AppFormErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(code, message);
  }
}

/** A student's text quoted in a message: one line, bounded, so a hostile value cannot flood it. */
export const quote = (text: unknown) => JSON.stringify(String(text).slice(0, 80));
