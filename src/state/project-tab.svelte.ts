/**
 * One open file of the project page. The editor owns the live text (a file can be megabytes, so
 * it is read with `read()` when needed, not copied on every key); this holds what the tab shows.
 */
export class ProjectTab {
  path = $state('');
  loaded = $state(false);
  /** The editor holds text that storage does not. */
  dirty = $state(false);
  saving = $state(false);
  /** Why the last save failed; the text stays in the editor and the tab stays unsaved. */
  error = $state<string | null>(null);
  /** Storage changed under an unsaved edit: the other version, until the student chooses. */
  conflict = $state<{ theirs: string } | null>(null);
  /** Where the editor should put the cursor next (1-based), set by `openFile`. */
  cursor = $state<{ line: number; column: number } | null>(null);
  /** Text the editor should show; a new value replaces the editor's text. */
  shown = $state.raw<{ text: string }>({ text: '' });

  /** The stored text the editor's text started from (or was last saved as). */
  baseline = '';
  /** Text being written right now, so its own echo from storage is not taken for a change. */
  inFlight: string | undefined;
  /** A save was asked for while one was running. */
  again = false;
  /** Reads the editor's text; until an editor is mounted, the text it will show. */
  read: () => string = () => this.shown.text;

  constructor(path: string) {
    this.path = path;
  }

  /** Puts `text` in the editor. */
  show(text: string): void {
    this.shown = { text };
  }
}
