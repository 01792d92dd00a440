import { suiteSchema, type ExpectationSuite } from './schema';
import { LabbookError } from '../../errors';

export class SuiteFormatError extends LabbookError<'invalid-suite'> {
  override name = 'SuiteFormatError';
  constructor(readonly problems: { path: string; message: string }[]) {
    super(
      'invalid-suite',
      `The expectation suite is not valid:\n${problems.map((p) => `  ${p.path || '(suite)'}: ${p.message}`).join('\n')}`,
    );
  }
}

/** Reads a suite from JSON text or an object; errors name the path of every bad field. */
export function parseSuite(input: string | unknown): ExpectationSuite {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new SuiteFormatError([{ path: '', message: `not JSON: ${(error as Error).message}` }]);
    }
  }
  const parsed = suiteSchema.safeParse(value);
  if (parsed.success) return parsed.data as ExpectationSuite;
  throw new SuiteFormatError(
    parsed.error.issues.map((issue) => ({
      path: issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
        .join(''),
      message: issue.message,
    })),
  );
}
