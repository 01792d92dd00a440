import { GitError, type GitErrorCode } from './errors';

/**
 * A worker call's outcome as a value: comlink carries an Error's message but drops its `code`,
 * so failures cross as data and the bridge turns them back into GitErrors.
 */
export type Settled<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: GitErrorCode; message: string; paths?: string[] } };

export async function settle<T>(work: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const e =
      error instanceof GitError
        ? error
        : new GitError('unsupported', error instanceof Error ? error.message : String(error));
    return {
      ok: false,
      error: {
        code: e.code,
        message: e.message,
        ...(e.detail?.paths ? { paths: e.detail.paths } : {}),
      },
    };
  }
}

export function unwrap<T>(result: Settled<T>): T {
  if (result.ok) return result.value;
  throw new GitError(
    result.error.code,
    result.error.message,
    result.error.paths ? { paths: result.error.paths } : undefined,
  );
}
