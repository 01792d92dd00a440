import { LabbookError } from '../../errors';

export type GitErrorCode =
  | 'no-author'
  | 'no-repo'
  | 'bad-author'
  | 'bad-ref-name'
  | 'bad-tag'
  | 'not-found'
  | 'exists'
  | 'dirty'
  | 'conflict'
  | 'merging'
  | 'not-merging'
  | 'unrelated'
  | 'current-branch'
  | 'nothing-to-commit'
  | 'empty-message'
  | 'message-rules'
  | 'corrupt'
  | 'unsupported'
  | 'protected';

/** Git problems as values with a code, worded for a student: what happened, where, the fix. */
export class GitError extends LabbookError<GitErrorCode> {
  override name = 'GitError';
  constructor(
    code: GitErrorCode,
    message: string,
    readonly detail?: { paths?: string[]; ref?: string; oid?: string },
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

interface LibError {
  code?: string;
  data?: Record<string, unknown>;
  message?: string;
}

/**
 * An isomorphic-git error, reworded. The library's codes are class names (NotFoundError…);
 * anything unrecognised keeps its message, so nothing is hidden.
 */
export function toGitError(error: unknown, doing: string, damaged: string[] = []): GitError {
  if (error instanceof GitError) return error;
  const e = (error ?? {}) as LibError;
  const text = e.message ?? String(error);
  if (damaged.length)
    return new GitError(
      'corrupt',
      `${doing}: Git object ${damaged.join(', ')} is damaged (its stored bytes are not Git data). Other commits and your working files are untouched; to recover, re-import the project from an export made before the damage.`,
      { oid: damaged[0]! },
      { cause: error },
    );
  switch (e.code) {
    case 'NotFoundError':
      return new GitError('not-found', `${doing}: ${describeMissing(e)}`, undefined, {
        cause: error,
      });
    case 'AlreadyExistsError':
      return new GitError('exists', `${doing}: ${text}`, undefined, { cause: error });
    case 'InvalidRefNameError':
      return new GitError('bad-ref-name', `${doing}: ${text}`, undefined, { cause: error });
    case 'ObjectTypeError':
    case 'InternalError':
    case 'ParseError':
    case 'UnknownTransportError':
      return new GitError(
        'corrupt',
        `${doing}: the repository's data could not be read (${text}). The object named here is damaged; your working files are untouched.`,
        undefined,
        { cause: error },
      );
    default:
      if (/incorrect header check|invalid (stored block|distance|code)|unexpected end/i.test(text))
        return new GitError(
          'corrupt',
          `${doing}: a Git object is damaged (${text}). Your working files are untouched.`,
          undefined,
          { cause: error },
        );
      return new GitError('unsupported', `${doing}: ${text}`, undefined, { cause: error });
  }
}

function describeMissing(e: LibError): string {
  const what = e.data?.['what'];
  return typeof what === 'string' ? `"${what}" does not exist.` : (e.message ?? 'not found');
}
