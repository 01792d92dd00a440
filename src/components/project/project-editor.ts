import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { baseExtensions } from '../cells/editor';
import { languageExtension } from './language-loader';
import { languageFor } from '../../lib/project/languages';

/** Extensions the page adds per file (the lint gutter), made again when the file is renamed. */
export type FileExtension = (path: string) => Extension;

export interface ProjectEditorOptions {
  parent: HTMLElement;
  path: string;
  doc: string;
  extra?: FileExtension;
  /** Called on every change; the text is read lazily with `view.state.doc` (files can be MBs). */
  onEdit(): void;
}

// Language, label and per-file extensions sit in a compartment, so a renamed file (notes.txt → notes.md) changes
// mode and is announced by its new name.
const fileSlot = new Compartment();

async function fileExtension(path: string, extra?: FileExtension): Promise<Extension> {
  const language = await languageExtension(languageFor(path));
  return [
    language,
    // The first of several aria-labels wins: this one outranks baseExtensions()'s.
    Prec.highest(EditorView.contentAttributes.of({ 'aria-label': `Code of ${path}` })),
    extra?.(path) ?? [],
  ];
}

/** A CodeMirror view for one project file, in the language its name says. */
export async function createProjectEditor(options: ProjectEditorOptions): Promise<EditorView> {
  const file = await fileExtension(options.path, options.extra);
  const extensions: Extension[] = [
    ...baseExtensions(`Code of ${options.path}`),
    fileSlot.of(file),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onEdit();
    }),
  ];
  return new EditorView({
    parent: options.parent,
    state: EditorState.create({ doc: options.doc, extensions }),
  });
}

/** Switches the view to the language and name of `path` (after a rename or move). */
export async function setPath(view: EditorView, path: string, extra?: FileExtension) {
  view.dispatch({ effects: fileSlot.reconfigure(await fileExtension(path, extra)) });
}

/** Replaces the text (take theirs, another tab's save) as one undoable change. */
export function replaceDoc(view: EditorView, doc: string): void {
  if (view.state.doc.toString() === doc) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } });
}

/** Puts the cursor at a 1-based line and column (clamped) and scrolls it into view. */
export function moveCursor(view: EditorView, line: number, column = 1): void {
  const doc = view.state.doc;
  const at = doc.line(Math.max(1, Math.min(doc.lines, Math.floor(line) || 1)));
  const pos = at.from + Math.max(0, Math.min(at.length, Math.floor(column) - 1 || 0));
  view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  view.focus();
}
