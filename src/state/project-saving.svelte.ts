import { ProjectError } from '../lib/project/errors';
import type { ProjectFiles } from '../lib/project/files';
import {
  readDrafts,
  textHash,
  writeDrafts,
  type Draft,
  type DraftStorage,
} from '../lib/project/drafts';
import type { ProjectTab } from './project-tab.svelte';

/** Autosave this long after the last key, as VS Code's `files.autoSave: afterDelay` does. */
export const AUTOSAVE_MS = 1000;

const decoder = new TextDecoder();

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Saving the tabs of one project: autosave, a compare-before-write that never overwrites a version
 * this tab did not see (another tab, a cell writing through `lab.project`), drafts kept through a
 * reload, and errors that leave the text in the editor.
 */
export class ProjectSaving {
  // Timers are bookkeeping, never shown.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #timers = new Map<ProjectTab, ReturnType<typeof setTimeout>>();
  /** Called after each successful save (the Tests panel runs on save through this). */
  onSaved: (path: string) => void = () => undefined;

  constructor(
    private readonly projectId: string,
    private readonly files: ProjectFiles,
    private readonly storage: DraftStorage | undefined,
  ) {}

  /** The stored text of `path`, or undefined when the file is gone. */
  async stored(path: string): Promise<string | undefined> {
    try {
      // Open tabs were UTF-8 when opened (readText refuses the rest), so plain decoding compares.
      return decoder.decode(await this.files.read(this.projectId, path));
    } catch (error) {
      if (error instanceof ProjectError && error.code === 'not-found') return undefined;
      throw error;
    }
  }

  edited(tab: ProjectTab): void {
    tab.dirty = true;
    clearTimeout(this.#timers.get(tab));
    this.#timers.set(
      tab,
      setTimeout(() => void this.save(tab), AUTOSAVE_MS),
    );
  }

  cancel(tab: ProjectTab): void {
    clearTimeout(this.#timers.get(tab));
    this.#timers.delete(tab);
  }

  /** Saves unless storage holds a version this tab never saw; then it shows both instead. */
  async save(tab: ProjectTab): Promise<void> {
    this.cancel(tab);
    if (tab.conflict) return;
    if (tab.saving) {
      tab.again = true;
      return;
    }
    const text = tab.read();
    if (!tab.dirty && !tab.error) return;
    tab.saving = true;
    tab.inFlight = text;
    try {
      const stored = await this.stored(tab.path);
      if (stored !== undefined && stored !== tab.baseline && stored !== text) {
        tab.conflict = { theirs: stored };
        return;
      }
      await this.files.write(this.projectId, tab.path, text);
      tab.baseline = text;
      tab.error = null;
      this.onSaved(tab.path);
      if (tab.read() === text) {
        tab.dirty = false;
        this.dropDraft(tab.path);
      }
    } catch (error) {
      tab.error = `${tab.path} was not saved: ${messageOf(error)} Your text is still in the editor.`;
    } finally {
      tab.saving = false;
      tab.inFlight = undefined;
      if (tab.again) {
        tab.again = false;
        void this.save(tab);
      }
    }
  }

  /** Storage may have changed (another tab, a cell): a clean tab follows it, a dirty one asks. */
  async check(tab: ProjectTab): Promise<void> {
    if (tab.saving || !tab.loaded) return;
    const stored = await this.stored(tab.path).catch(() => undefined);
    if (stored === undefined || stored === tab.baseline || stored === tab.inFlight) return;
    const mine = tab.read();
    tab.baseline = stored === mine ? stored : tab.baseline;
    if (stored === mine) {
      tab.dirty = false;
      tab.conflict = null;
    } else if (!tab.dirty) {
      tab.baseline = stored;
      tab.show(stored);
      tab.dirty = false;
    } else {
      tab.conflict = { theirs: stored };
    }
  }

  /** Keep mine: write it over theirs, which the student has now seen. */
  async keepMine(tab: ProjectTab): Promise<void> {
    const theirs = tab.conflict?.theirs;
    if (theirs === undefined) return;
    tab.conflict = null;
    tab.baseline = theirs;
    tab.dirty = true;
    await this.save(tab);
  }

  /** Take theirs: the editor shows the stored version (undo brings mine back). */
  takeTheirs(tab: ProjectTab): void {
    const theirs = tab.conflict?.theirs;
    if (theirs === undefined) return;
    tab.conflict = null;
    tab.baseline = theirs;
    tab.show(theirs);
    tab.dirty = false;
    tab.error = null;
    this.dropDraft(tab.path);
  }

  /** Notes every unsaved tab synchronously (the page is leaving), then starts their saves. */
  flush(tabs: readonly ProjectTab[]): void {
    const drafts: Record<string, Draft> = {};
    for (const tab of tabs)
      if (tab.dirty || tab.conflict)
        drafts[tab.path] = { text: tab.read(), base: textHash(tab.baseline) };
    writeDrafts(this.storage, this.projectId, drafts);
    for (const tab of tabs) if (tab.dirty && !tab.conflict) void this.save(tab);
  }

  /** Drafts a previous page left for this project. */
  drafts(): Record<string, Draft> {
    return readDrafts(this.storage, this.projectId);
  }

  /** Puts a draft back into its freshly loaded tab: unsaved, or in conflict if storage moved on. */
  restore(tab: ProjectTab, draft: Draft): void {
    const stored = tab.baseline;
    if (draft.text === stored) return this.dropDraft(tab.path);
    tab.show(draft.text);
    tab.dirty = true;
    if (textHash(stored) !== draft.base) tab.conflict = { theirs: stored };
    else this.edited(tab);
  }

  dropDraft(path: string): void {
    const drafts = this.drafts();
    if (!(path in drafts)) return;
    delete drafts[path];
    writeDrafts(this.storage, this.projectId, drafts);
  }

  dispose(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
