import { liveQuery } from 'dexie';
import { SvelteSet } from 'svelte/reactivity';
import { ProjectFiles } from '../lib/project/files';
import { ancestorsOf, normalizePath, parentOf } from '../lib/project/paths';
import { browserStorage, readTabs, writeTabs, type DraftStorage } from '../lib/project/drafts';
import {
  copyPath,
  isWithin,
  movedPath,
  visibleItems,
  type TreeItem,
} from '../lib/project/tree-model';
import type { ProjectRow } from '../lib/project/types';
import { dexieProjectPort } from '../lib/store/project-port';
import type { LabbookDB } from '../lib/store/db';
import { ProjectTab } from './project-tab.svelte';
import { ProjectSaving, messageOf } from './project-saving.svelte';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type PanelName = 'git' | 'tests' | 'problems' | 'ci';
export type PathForm = { mode: 'new-file' | 'new-folder' | 'move'; path: string; from?: string };

export interface WorkbenchDeps {
  files: ProjectFiles;
  /** Calls back whenever the project changes in storage, from this tab or any other. */
  watch?: (listener: () => void) => () => void;
  storage?: DraftStorage;
  confirm?: (message: string) => boolean;
}

/** The project page over the real database: changes heard across tabs with Dexie's liveQuery. */
export function workbenchDeps(db: LabbookDB, projectId: string): WorkbenchDeps {
  return {
    files: new ProjectFiles(dexieProjectPort(db)),
    watch: (listener) => {
      // On a failed watch the listener re-reads, which shows the storage error to the student.
      const sub = liveQuery(() => db.projects.get(projectId)).subscribe({
        next: listener,
        error: listener,
      });
      return () => sub.unsubscribe();
    },
  };
}

/**
 * The state of one project's page: its file tree, the open tabs, and the file operations a VS
 * Code user expects. Saving, conflicts and drafts are `ProjectSaving`'s.
 */
export class ProjectWorkbench {
  project = $state<ProjectRow | null>(null);
  entries = $state.raw<{ path: string; kind: 'file' | 'dir' }[]>([]);
  expanded = new SvelteSet<string>();
  selected = $state<string | undefined>();
  tabs = $state<ProjectTab[]>([]);
  active = $state<string | undefined>();
  form = $state<PathForm | null>(null);
  panel = $state<PanelName>('problems');
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  items: TreeItem[] = $derived(visibleItems(this.entries, this.expanded));
  activeTab = $derived(this.tabs.find((t) => t.path === this.active));

  readonly saving: ProjectSaving;
  readonly #files: ProjectFiles;
  readonly #storage: DraftStorage | undefined;
  readonly #confirm: (message: string) => boolean;
  #stopWatch: (() => void) | undefined;

  constructor(
    readonly projectId: string,
    deps: WorkbenchDeps,
  ) {
    this.#files = deps.files;
    this.#storage = deps.storage ?? browserStorage();
    this.#confirm = deps.confirm ?? ((m) => window.confirm(m));
    this.saving = new ProjectSaving(projectId, deps.files, this.#storage);
    this.#stopWatch = deps.watch?.(() => void this.#changed());
  }

  async load(): Promise<void> {
    try {
      this.project = await this.#files.get(this.projectId);
      await this.refresh();
      const session = readTabs(this.#storage, this.projectId);
      const drafts = this.saving.drafts();
      const paths = [...session.paths, ...Object.keys(drafts)].filter(
        (p, i, all) => all.indexOf(p) === i,
      );
      for (const path of paths) await this.#open(path);
      for (const [path, draft] of Object.entries(drafts)) {
        const tab = this.#tab(path);
        if (tab) this.saving.restore(tab, draft);
        else this.#orphan(path, draft.text);
      }
      const active = session.active && this.#tab(session.active) ? session.active : paths[0];
      if (active && this.#tab(active)) this.activate(active);
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  async refresh(): Promise<void> {
    this.entries = (await this.#files.tree(this.projectId)).map((r) => ({
      path: r.path,
      kind: r.kind,
    }));
  }

  /**
   * After something else changed the files (a checkout, merge or revert from the Git panel, a
   * cell writing through lab.project): the tree is read again and every tab without unsaved
   * edits shows the stored text. A tab with unsaved edits keeps them; its next save finds the
   * change and offers both versions, so neither is lost.
   */
  async syncFromStorage(): Promise<void> {
    await this.refresh();
    for (const tab of this.tabs) {
      if (tab.dirty || tab.conflict || !tab.loaded) continue;
      let stored: string | undefined;
      try {
        stored = await this.#files.readText(this.projectId, tab.path);
      } catch {
        stored = undefined; // deleted (or no longer text): the tab keeps its text, marked unsaved
      }
      if (stored === undefined) tab.dirty = true;
      else if (stored !== tab.baseline) {
        tab.baseline = stored;
        tab.show(stored);
      }
    }
  }

  /** Opens `path` in a tab (or switches to it) and puts the cursor at `line`:`column`. */
  async openFile(path: string, line?: number, column?: number): Promise<void> {
    this.error = null;
    const tab = this.#tab(path) ?? (await this.#open(path));
    if (!tab) return;
    this.activate(tab.path);
    for (const folder of ancestorsOf(tab.path)) this.expanded.add(folder);
    this.selected = tab.path;
    if (line !== undefined) tab.cursor = { line, column: column ?? 1 };
  }

  /** Shows a tab; the tree selects its file, as VS Code reveals the active editor. */
  activate(path: string): void {
    this.active = path;
    this.selected = path;
    this.#rememberTabs();
  }

  async close(path: string): Promise<void> {
    const tab = this.#tab(path);
    if (!tab) return;
    if (tab.dirty) await this.saving.save(tab);
    if (tab.dirty || tab.conflict) {
      const why = tab.conflict ? 'has a version conflict' : 'could not be saved';
      if (!this.#confirm(`${path} ${why}. Close it and lose your unsaved changes?`)) return;
    }
    this.saving.cancel(tab);
    this.saving.dropDraft(path);
    const index = this.tabs.indexOf(tab);
    this.tabs = this.tabs.filter((t) => t !== tab);
    if (this.active === path) this.active = (this.tabs[index] ?? this.tabs[index - 1])?.path;
    this.#rememberTabs();
  }

  /** Ctrl/Cmd-S: saves the active tab now. */
  async saveActive(): Promise<void> {
    if (this.activeTab) await this.saving.save(this.activeTab);
  }

  /** Saves every tab with unsaved text (before a download, so the zip holds what is on screen). */
  async saveAll(): Promise<void> {
    for (const tab of this.tabs) if (tab.dirty && !tab.conflict) await this.saving.save(tab);
  }

  /** The page is hidden or leaving: note drafts synchronously, start every save. */
  flush(): void {
    this.saving.flush(this.tabs);
  }

  toggle(path: string, open = !this.expanded.has(path)): void {
    if (open) this.expanded.add(path);
    else this.expanded.delete(path);
  }

  /** Where a new file or folder goes: the selected folder, or the selected file's folder. */
  startForm(mode: PathForm['mode'], from?: string): void {
    this.error = null;
    if (mode === 'move' && from) {
      this.form = { mode, path: from, from };
      return;
    }
    const item = this.entries.find((e) => e.path === this.selected);
    const folder = item ? (item.kind === 'dir' ? item.path : parentOf(item.path)) : '';
    this.form = { mode, path: folder ? `${folder}/` : '' };
  }

  async submitForm(): Promise<boolean> {
    const form = this.form;
    if (!form) return false;
    try {
      const path = normalizePath(form.path);
      if (form.mode === 'move' && form.from) await this.move(form.from, path);
      else if (this.entries.some((e) => e.path === path))
        this.error = `${path} already exists. Choose another name; nothing was changed.`;
      else if (form.mode === 'new-folder') {
        await this.#files.createFolder(this.projectId, path);
        await this.refresh();
        for (const folder of [...ancestorsOf(path), path]) this.expanded.add(folder);
        this.selected = path;
      } else {
        await this.#files.write(this.projectId, path, '');
        await this.refresh();
        await this.openFile(path);
      }
      if (this.error) return false;
      this.form = null;
      return true;
    } catch (error) {
      this.error = messageOf(error);
      return false;
    }
  }

  /** Renames or moves a file or folder; open tabs, the selection and open folders follow. */
  async move(from: string, to: string): Promise<void> {
    await this.#files.move(this.projectId, from, to);
    for (const tab of this.tabs) {
      const moved = movedPath(tab.path, from, to);
      if (moved) {
        this.saving.dropDraft(tab.path);
        tab.path = moved;
      }
    }
    const follow = (p: string | undefined) => (p && movedPath(p, from, to)) ?? p;
    this.active = follow(this.active);
    this.selected = follow(this.selected);
    for (const folder of [...this.expanded]) {
      const moved = movedPath(folder, from, to);
      if (!moved) continue;
      this.expanded.delete(folder);
      this.expanded.add(moved);
    }
    for (const folder of ancestorsOf(to)) this.expanded.add(folder);
    this.notice = `Moved ${from} to ${to}.`;
    this.#rememberTabs();
    await this.refresh();
  }

  /** Deletes after a confirm that names what is lost. */
  async remove(path: string): Promise<void> {
    const item = this.entries.find((e) => e.path === path);
    if (!item) return;
    const inside = this.entries.filter((e) => e.kind === 'file' && isWithin(e.path, path));
    const unsaved = this.tabs.filter((t) => isWithin(t.path, path) && t.dirty);
    const what =
      item.kind === 'dir'
        ? `the folder ${path} and the ${inside.length} file${inside.length === 1 ? '' : 's'} in it${listed(inside.map((e) => e.path))}`
        : path;
    const lost = unsaved.length
      ? ` Unsaved changes in ${unsaved.map((t) => t.path).join(', ')} are lost too.`
      : '';
    if (!this.#confirm(`Delete ${what}?${lost} This cannot be undone (a Git commit keeps a copy).`))
      return;
    try {
      await this.#files.remove(this.projectId, path);
      for (const tab of this.tabs.filter((t) => isWithin(t.path, path))) {
        this.saving.cancel(tab);
        this.saving.dropDraft(tab.path);
      }
      this.tabs = this.tabs.filter((t) => !isWithin(t.path, path));
      if (this.active && isWithin(this.active, path)) this.active = this.tabs[0]?.path;
      if (this.selected && isWithin(this.selected, path))
        this.selected = parentOf(path) || undefined;
      this.notice = `Deleted ${path}.`;
      this.#rememberTabs();
      await this.refresh();
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Keep both: mine as a copy beside the file, theirs in the file. */
  async keepBoth(tab: ProjectTab): Promise<void> {
    const mine = tab.read();
    const copy = copyPath(tab.path, (p) => this.entries.some((e) => e.path === p));
    try {
      await this.#files.write(this.projectId, copy, mine);
      this.saving.takeTheirs(tab);
      await this.refresh();
      this.notice = `Your version is kept as ${copy}; ${tab.path} has the other version.`;
      await this.openFile(copy);
    } catch (error) {
      tab.error = `Your version could not be kept as a copy: ${messageOf(error)} It is still in the editor.`;
    }
  }

  /** Every UTF-8 file of the project as saved, by path (what the test runner imports). */
  async textFiles(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const row of await this.#files.tree(this.projectId)) {
      if (row.kind !== 'file') continue;
      try {
        out[row.path] = utf8.decode(row.bytes ?? new Uint8Array());
      } catch {
        // Binary files (images, models) are not modules; the runner never imports them.
      }
    }
    return out;
  }

  dispose(): void {
    this.#stopWatch?.();
    this.saving.dispose();
  }

  async #changed(): Promise<void> {
    try {
      await this.refresh();
      await Promise.all(this.tabs.map((tab) => this.saving.check(tab)));
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  #tab(path: string): ProjectTab | undefined {
    return this.tabs.find((t) => t.path === path);
  }

  async #open(path: string): Promise<ProjectTab | undefined> {
    const tab = new ProjectTab(path);
    try {
      const text = await this.#files.readText(this.projectId, path);
      tab.baseline = text;
      tab.show(text);
      tab.loaded = true;
    } catch (error) {
      this.error = messageOf(error);
      return undefined;
    }
    if (this.#tab(path)) return this.#tab(path);
    this.tabs = [...this.tabs, tab];
    return this.tabs[this.tabs.length - 1];
  }

  /** A draft whose file is gone (deleted in another tab): kept in a tab until saved again. */
  #orphan(path: string, text: string): void {
    const tab = new ProjectTab(path);
    tab.loaded = true;
    tab.show(text);
    tab.dirty = true;
    tab.error = `${path} is no longer in the project, but your unsaved text is kept here. Save (Ctrl+S) to create it again, or close the tab.`;
    this.tabs = [...this.tabs, tab];
    this.error = null;
  }

  #rememberTabs(): void {
    writeTabs(this.#storage, this.projectId, {
      paths: this.tabs.map((t) => t.path),
      active: this.active,
    });
  }
}

function listed(paths: string[]): string {
  if (paths.length === 0) return '';
  const shown = paths.slice(0, 5).join(', ');
  return ` (${shown}${paths.length > 5 ? `, and ${paths.length - 5} more` : ''})`;
}
