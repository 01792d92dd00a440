import { holdSession, type SessionLocks } from '../tracking/liveness';

/**
 * Which cell was running when a tab went down. A kernel that exhausts the JS heap takes its whole
 * tab with it in Chromium (see docs/architecture.md, Kernel), so nothing in that tab can say what
 * happened; the next page that opens the lesson can. Each tab holds a Web Lock while it lives and
 * notes the running cell in `localStorage`; a note whose tab holds no lock is a crash.
 */

/** What this module uses of `localStorage`, so Node tests can pass their own. */
export interface NoteStore {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const NOTE = 'mlops-labbook:running-cell:';
const TAB = 'tab:';

export const TAB_CRASHED =
  'The tab stopped while this cell was running, most likely because the kernel ran out of memory: the browser gives a kernel about 4 GB for JavaScript arrays, objects and strings and ends the whole tab when they are used up. Your code was saved. Run it on less data at once (a sample of the rows), or drop large variables you no longer need.';

/** Holds this tab's lock for as long as the tab lives. */
export function holdTab(locks: SessionLocks, tab: string): Promise<void> {
  return holdSession(locks, TAB + tab);
}

export function noteRunning(store: NoteStore, tab: string, lessonId: string, cellId: string): void {
  store.setItem(NOTE + tab, JSON.stringify({ lessonId, cellId }));
}

export function clearRunning(store: NoteStore, tab: string): void {
  store.removeItem(NOTE + tab);
}

/** The cell of `lessonId` that a crashed tab was running, if any; its note is removed. */
export async function takeCrashedCell(
  store: NoteStore,
  locks: SessionLocks,
  lessonId: string,
): Promise<string | undefined> {
  const held = new Set(((await locks.query()).held ?? []).map((lock) => lock.name));
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(NOTE)) continue;
    const tab = key.slice(NOTE.length);
    if ([...held].some((name) => name?.endsWith(TAB + tab))) continue;
    const note = parse(store.getItem(key));
    if (note?.lessonId !== lessonId) continue;
    store.removeItem(key);
    return note.cellId;
  }
  return undefined;
}

function parse(text: string | null): { lessonId: string; cellId: string } | undefined {
  try {
    const note = JSON.parse(text ?? '') as { lessonId?: unknown; cellId?: unknown };
    return typeof note.lessonId === 'string' && typeof note.cellId === 'string'
      ? { lessonId: note.lessonId, cellId: note.cellId }
      : undefined;
  } catch {
    return undefined;
  }
}
