/** The notebook's keys (see src/components/cells/editor.ts); `Mod` is Ctrl, or Cmd on a Mac. */
export interface Shortcut {
  group: 'run' | 'edit' | 'navigate';
  keys: string;
  does: string;
}

export const SHORTCUTS: Shortcut[] = [
  { group: 'run', keys: 'Shift-Enter', does: 'Run the cell and move to the next one' },
  { group: 'run', keys: 'Mod-Enter', does: 'Run the cell and stay in it' },
  { group: 'run', keys: 'Alt-Enter', does: 'Run the cell and insert a scratch cell below' },
  { group: 'edit', keys: 'Ctrl-Space', does: 'Suggest completions (also for lab.)' },
  { group: 'edit', keys: 'Mod-/', does: 'Comment or uncomment the selected lines' },
  { group: 'edit', keys: 'Mod-z', does: 'Undo' },
  { group: 'edit', keys: 'Mod-Shift-z', does: 'Redo' },
  { group: 'edit', keys: 'Tab', does: 'Indent (inside a cell)' },
  { group: 'navigate', keys: 'Escape', does: 'Leave the editor: the next Tab moves on' },
  { group: 'navigate', keys: 'Tab', does: 'Move to the next button or cell (after Escape)' },
  { group: 'navigate', keys: 'Shift-Tab', does: 'Move to the previous button or cell' },
];

export const GROUP_NAMES = { run: 'Run', edit: 'Edit', navigate: 'Move around' } as const;

/** `Mod-Shift-z` → the labels of each key, for Mac or for Windows/Linux. */
export function keyLabels(keys: string, mac: boolean): string[] {
  const names: Record<string, string> = mac
    ? { Mod: '⌘ Cmd', Alt: '⌥ Option', Shift: '⇧ Shift', Ctrl: '⌃ Control', Enter: 'Return' }
    : { Mod: 'Ctrl', Alt: 'Alt', Shift: 'Shift', Ctrl: 'Ctrl', Enter: 'Enter' };
  return keys
    .split(/-(?!$)/)
    .map((k) => names[k] ?? (k.length === 1 ? k.toUpperCase() : k === 'Escape' ? 'Esc' : k));
}

/** The shortcut of a key event in the same notation (`Mod-Enter`); null for a lone modifier. */
export function eventKeys(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  mac: boolean,
): string | null {
  if (['Control', 'Meta', 'Alt', 'Shift', 'OS'].includes(event.key)) return null;
  const key =
    event.key === ' ' ? 'Space' : event.key.length === 1 ? event.key.toLowerCase() : event.key;
  // Shift turns "/" into "?" itself, so it only counts for letters and named keys.
  const shift = event.shiftKey && (key.length > 1 || /[a-z]/.test(key));
  const parts = [
    (mac ? event.metaKey : event.ctrlKey) && 'Mod',
    mac && event.ctrlKey && 'Ctrl',
    event.altKey && 'Alt',
    shift && 'Shift',
    key,
  ];
  return parts.filter(Boolean).join('-');
}

/** Finds the shortcut a key event stands for (Ctrl-Space counts as Mod-Space on Windows/Linux). */
export function findShortcut(keys: string, shortcuts: readonly Shortcut[]): Shortcut | undefined {
  const alias = keys === 'Mod-Space' ? 'Ctrl-Space' : keys;
  return shortcuts.find((s) => s.keys === alias);
}
