import { StateEffect, type Extension, type Text } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { linter, lintGutter, type Action, type Diagnostic } from '@codemirror/lint';
import type { LintDiagnostic } from '../../lib/project/lint/types';
import { lintBridge } from '../../bridges/lint-bridge';

/** Quiet time after the last keystroke before the worker is asked. */
export const LINT_DELAY_MS = 500;

const relintEffect = StateEffect.define<null>();

/**
 * Lints the view again though its text did not change (what it depends on did: another cell, the
 * project's config). `forceLinting` only hurries a lint already scheduled, so this schedules one.
 */
export function relint(view: EditorView): void {
  view.dispatch({ effects: relintEffect.of(null) });
}

function offset(doc: Text, line: number, column: number): number {
  if (line > doc.lines) return doc.length;
  const l = doc.line(Math.max(1, line));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}

/** ESLint's 1-based line/column places as offsets of the document that was linted. */
export function toCodeMirror(doc: Text, d: LintDiagnostic): Diagnostic {
  const from = offset(doc, d.line, d.column);
  const to = Math.max(from, offset(doc, d.endLine, d.endColumn));
  const fix = d.fix;
  // The fix's offsets belong to the linted text; applied later, they move with the diagnostic.
  const actions: Action[] = fix
    ? [
        {
          name: fix.title === 'Fix' ? 'Fix' : fix.title.replace(/\.$/, ''),
          apply: (view, nowFrom) => {
            const shift = nowFrom - from;
            view.dispatch({
              changes: { from: fix.from + shift, to: fix.to + shift, insert: fix.text },
            });
          },
        },
      ]
    : [];
  return {
    from,
    to,
    severity: d.severity,
    message: d.message,
    ...(d.ruleId ? { source: d.ruleId } : {}),
    actions,
  };
}

/**
 * A CodeMirror lint extension that asks the lint worker (never the page) after a pause in
 * typing, with a gutter of markers. The previous diagnostics stay until the new ones arrive, so
 * markers do not flicker; a read-only view is not linted. A linter that fails shows why, once,
 * as an info diagnostic instead of throwing in the editor.
 */
export function workerLint(ask: (text: string) => Promise<LintDiagnostic[]>): Extension {
  const source = async (view: EditorView): Promise<Diagnostic[]> => {
    if (view.state.readOnly) return [];
    const doc = view.state.doc;
    try {
      const found = await ask(doc.toString());
      return found.map((d) => toCodeMirror(doc, d));
    } catch (error) {
      return [
        {
          from: 0,
          to: 0,
          severity: 'info',
          message: `Lint unavailable: ${(error as Error).message}`,
        },
      ];
    }
  };
  return [
    linter(source, {
      delay: LINT_DELAY_MS,
      needsRefresh: (update) =>
        update.transactions.some((tr) => tr.effects.some((e) => e.is(relintEffect))),
    }),
    lintGutter(),
  ];
}

export interface ProjectLintOptions {
  projectId: string;
  /** The file's project path; it picks the rules (`*.test.js` gets the test runner's globals). */
  path: string | (() => string);
  /** Called with each file's diagnostics, e.g. to keep the Problems panel current while typing. */
  onDiagnostics?: (path: string, diagnostics: LintDiagnostic[]) => void;
}

/** Lint for the Project page's editor: the file as typed, with the project's eslint.config.json. */
export function projectLint(options: ProjectLintOptions): Extension {
  return workerLint(async (text) => {
    // Read once: a rename while the worker lints must not file the answer under the new name.
    const path = typeof options.path === 'function' ? options.path() : options.path;
    const found = await lintBridge().lintProjectFile(options.projectId, path, text);
    options.onDiagnostics?.(path, found);
    return found;
  });
}
