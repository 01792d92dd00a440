import { CiError, type CiErrorCode } from './errors';

/** A CI worker call's outcome as a value: comlink drops an Error's `code`, so it crosses as data. */
export type CiSettled<T> =
  { ok: true; value: T } | { ok: false; error: { code: CiErrorCode | string; message: string } };

export async function settleCi<T>(work: () => Promise<T>): Promise<CiSettled<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    return {
      ok: false,
      error: {
        code: typeof code === 'string' ? code : 'step-failed',
        message: error instanceof Error ? error.message : String(error),
      },
    };
  }
}

export function unwrapCi<T>(result: CiSettled<T>): T {
  if (result.ok) return result.value;
  throw new CiError(result.error.code as CiErrorCode, result.error.message);
}
