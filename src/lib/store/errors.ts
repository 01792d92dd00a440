import { LabbookError } from '../errors';

export type StoreErrorCode =
  | 'quota'
  | 'blocked'
  | 'version'
  | 'newer-database'
  | 'unavailable'
  | 'invalid-import'
  | 'constraint'
  | 'failed';

/** Storage problems as values with a code, worded for the student. */
export class StoreError extends LabbookError<StoreErrorCode> {
  override name = 'StoreError';
}

type Mapped = 'quota' | 'blocked' | 'version' | 'unavailable';

const MESSAGES: Record<Mapped, string> = {
  quota:
    'Your browser storage is full, so the last change was not saved (everything saved before is safe). Free space by exporting your workspace and deleting old items, or allow more storage in your browser settings.',
  blocked:
    'The Labbook is open in another tab with an older version, which blocks the upgrade of your saved work. Close or reload the other Labbook tabs.',
  version:
    'A newer version of the Labbook has upgraded your saved work. Reload this tab to use it; nothing was lost.',
  unavailable:
    'This browser does not let the Labbook save (private mode or storage disabled). Your work will be lost on reload: export it, or allow site storage.',
};

/** Every error name in the chain: Dexie wraps causes in `inner`, bulk writes list `failures`. */
function names(error: unknown): string[] {
  const e = error as { name?: string; inner?: unknown; failures?: unknown[] } | null;
  if (!e) return [];
  return [
    e.name ?? '',
    ...(e.inner ? names(e.inner) : []),
    ...(Array.isArray(e.failures) ? e.failures.flatMap(names) : []),
  ];
}

/** What only a browser that refuses storage says (private mode, storage disabled, no IndexedDB). */
const UNAVAILABLE = ['MissingAPIError', 'SecurityError', 'InvalidStateError', 'OpenFailedError'];

export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const all = names(error);
  const code: Mapped | undefined = all.includes('QuotaExceededError')
    ? 'quota'
    : all.some((n) => n === 'VersionError')
      ? 'version'
      : all.some((n) => n === 'DatabaseClosedError' || n === 'BlockedError')
        ? 'blocked'
        : all.some((n) => UNAVAILABLE.includes(n))
          ? 'unavailable'
          : undefined;
  if (code) return new StoreError(code, MESSAGES[code], { cause: error });
  // Anything else is said as it is, never guessed as "private mode": the student (or we) can act
  // on the real reason.
  const e = error as { name?: string; message?: string } | null;
  const what = [e?.name, e?.message].filter(Boolean).join(': ') || String(error);
  return new StoreError(
    'failed',
    `Saving failed (${what}), so the last change was not saved; everything saved before is safe.`,
    { cause: error },
  );
}

/**
 * The saved work was stored by a newer Labbook than this copy of the site (typically an older
 * copy cached for offline use, opened after a newer deployed one). This copy must not write
 * rows the newer schema would misread, so it refuses, and deletes nothing.
 */
export function newerDatabaseError(stored: number, known: number): StoreError {
  return new StoreError(
    'newer-database',
    `Your saved work was stored by a newer version of the Labbook (storage version ${stored}; this copy of the site knows up to version ${known}), so this older copy leaves it untouched. This is probably an older copy of the site kept for offline use: reload the page while online, or close every Labbook tab and open it again, to get the newer version. Nothing was changed or deleted.`,
  );
}

/** Runs a storage operation and turns any failure into a StoreError. */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStoreError(error);
  }
}
