/**
 * Unsaved editor text kept through a reload. IndexedDB writes started on `pagehide` may not
 * finish before the page goes, but a `localStorage` write is synchronous, so the page notes its
 * unsaved tabs there as it leaves and the next page puts them back. Each draft remembers a hash of
 * the stored text it was based on, so a draft never silently replaces a newer save.
 */

/** What this module uses of `localStorage`, so Node tests can pass their own. */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Draft {
  text: string;
  /** `textHash` of the stored text the edit started from. */
  base: string;
}

export interface TabSession {
  paths: string[];
  active?: string;
}

const draftKey = (projectId: string) => `labbook:project-drafts:${projectId}`;
const tabsKey = (projectId: string) => `labbook:project-tabs:${projectId}`;

/** FNV-1a over UTF-16 code units, with the length: enough to tell two versions of a file apart. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

function readJson(storage: DraftStorage | undefined, key: string): unknown {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the drafts of a project (replacing the previous set); false when storage refused. */
export function writeDrafts(
  storage: DraftStorage | undefined,
  projectId: string,
  drafts: Record<string, Draft>,
): boolean {
  if (!storage) return false;
  try {
    if (Object.keys(drafts).length === 0) storage.removeItem(draftKey(projectId));
    else storage.setItem(draftKey(projectId), JSON.stringify(drafts));
    return true;
  } catch {
    // Full or refused (a 5 MB file outgrows localStorage): the IndexedDB save is the other copy.
    return false;
  }
}

/** The drafts a previous page left; malformed entries are skipped, never thrown. */
export function readDrafts(
  storage: DraftStorage | undefined,
  projectId: string,
): Record<string, Draft> {
  const value = readJson(storage, draftKey(projectId));
  const out: Record<string, Draft> = {};
  if (!value || typeof value !== 'object') return out;
  for (const [path, draft] of Object.entries(value as Record<string, unknown>)) {
    const d = draft as Partial<Draft> | null;
    if (d && typeof d.text === 'string' && typeof d.base === 'string')
      out[path] = { text: d.text, base: d.base };
  }
  return out;
}

export function writeTabs(
  storage: DraftStorage | undefined,
  projectId: string,
  session: TabSession,
): void {
  try {
    storage?.setItem(tabsKey(projectId), JSON.stringify(session));
  } catch {
    // Which tabs were open is a convenience; losing it loses no work.
  }
}

export function readTabs(storage: DraftStorage | undefined, projectId: string): TabSession {
  const value = readJson(storage, tabsKey(projectId)) as Partial<TabSession> | undefined;
  const paths = Array.isArray(value?.paths)
    ? value.paths.filter((p): p is string => typeof p === 'string')
    : [];
  const active = typeof value?.active === 'string' ? value.active : undefined;
  return { paths, active };
}

/** Forgets a project's drafts and tabs (the project was deleted). */
export function forgetProject(storage: DraftStorage | undefined, projectId: string): void {
  try {
    storage?.removeItem(draftKey(projectId));
    storage?.removeItem(tabsKey(projectId));
  } catch {
    // Nothing to keep.
  }
}

/** `localStorage`, or undefined where the browser refuses it (some private modes). */
export function browserStorage(): DraftStorage | undefined {
  try {
    // A page global only (not in workers), so it is looked up rather than typed in.
    return (globalThis as { localStorage?: DraftStorage }).localStorage;
  } catch {
    return undefined;
  }
}
