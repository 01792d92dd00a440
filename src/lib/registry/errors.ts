import { LabbookError } from '../errors';

export type RegistryErrorCode =
  | 'bad-uri'
  | 'bad-name'
  | 'unknown-model'
  | 'unknown-version'
  | 'unknown-alias'
  | 'no-model-artifact'
  | 'bad-test'
  | 'bad-input'
  | 'gate-closed'
  | 'pin-mismatch';

/** A registry refusal with a code a caller can act on and a message a student can read. */
export class RegistryError extends LabbookError<RegistryErrorCode> {
  constructor(code: RegistryErrorCode, message: string) {
    super(code, message);
    this.name = 'RegistryError';
  }
}
