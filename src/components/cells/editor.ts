import { EditorState, type Extension } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  type KeyBinding,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  type CompletionSource,
} from '@codemirror/autocomplete';
import { javascript, localCompletionSource } from '@codemirror/lang-javascript';
import { forEachDiagnostic } from '@codemirror/lint';
import { labCompletionSource } from './lab-completions';
import { relint, workerLint } from '../project/lint-extension';
import { lintBridge } from '../../bridges/lint-bridge';

/** What a cell does when the student presses one of Jupyter's run keys. */
export interface CellKeys {
  /** Shift+Enter: run, then move to the next cell. */
  runAndAdvance(): void;
  /** Ctrl/Cmd+Enter: run and stay. */
  run(): void;
  /** Alt+Enter: run, then insert a scratch cell below. */
  runAndInsert(): void;
}

export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  label: string;
  keys: CellKeys;
  onChange(doc: string): void;
  completions?: CompletionSource;
  /** Lints the cell in the lint worker; absent: no lint (e.g. a view that is not the student's code). */
  lint?: CellLint;
}

export interface CellLint {
  /** Names the cell in diagnostics. */
  path: string;
  /** The sources of the lesson's other cells: cells share one scope, so their names are known. */
  otherCells(): string[];
}

/** Lints again a cell that shows "is not defined": another cell may have declared the name since. */
export function refreshCellLint(view: EditorView): void {
  let undefinedName = false;
  forEachDiagnostic(view.state, (d) => {
    if (d.source === 'no-undef') undefinedName = true;
  });
  if (undefinedName) relint(view);
}

function runKeymap(keys: CellKeys): KeyBinding[] {
  const handled = (fn: () => void) => () => (fn(), true);
  return [
    { key: 'Shift-Enter', run: handled(keys.runAndAdvance) },
    { key: 'Mod-Enter', run: handled(keys.run) },
    { key: 'Alt-Enter', run: handled(keys.runAndInsert) },
  ];
}

function cellLint({ path, otherCells }: CellLint): Extension {
  return workerLint((text) => lintBridge().lintCell(text, path, otherCells()));
}

/**
 * What every code editor of the Labbook has, cells and project files alike: line numbers,
 * history, brackets, highlighting and the keymap. Callers add their language and keys.
 */
export function baseExtensions(label: string): Extension[] {
  return [
    lineNumbers(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...completionKeymap,
      // Escape then Tab leaves the editor, so Tab-to-indent never traps keyboard users.
      indentWithTab,
    ]),
    EditorView.contentAttributes.of({ 'aria-label': label }),
  ];
}

export function createEditor(options: EditorOptions): EditorView {
  const sources = [
    labCompletionSource,
    localCompletionSource,
    ...(options.completions ? [options.completions] : []),
  ];
  const extensions: Extension[] = [
    // Run keys first so they win over the default Enter handling.
    keymap.of(runKeymap(options.keys)),
    ...baseExtensions(options.label),
    javascript(),
    autocompletion({ override: sources }),
    ...(options.lint ? [cellLint(options.lint)] : []),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange(update.state.doc.toString());
    }),
  ];
  return new EditorView({
    parent: options.parent,
    state: EditorState.create({ doc: options.doc, extensions }),
  });
}

/** Replaces the whole document (reset cell) without losing the editor instance. */
export function setEditorDoc(view: EditorView, doc: string): void {
  if (view.state.doc.toString() === doc) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } });
}
