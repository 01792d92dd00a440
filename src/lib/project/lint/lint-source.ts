import { Linter } from 'eslint-linter-browserify';
import { globalsFor } from './globals';
import { rulesFor } from './rules';
import { cellScopeFilter } from './cell-scope';
import { deepestPoint, tooDeepDiagnostic, wholeFileDiagnostic } from './file-diagnostics';
import type { LintDiagnostic, LintFix, LintOptions } from './types';

/** Larger files are not linted: ESLint would take seconds on them, and no module should be that long. */
export const MAX_LINT_CHARS = 1_000_000;

const linter = new Linter();

function toFix(message: Linter.LintMessage): LintFix | undefined {
  if (message.fix)
    return {
      from: message.fix.range[0],
      to: message.fix.range[1],
      text: message.fix.text,
      title: 'Fix',
    };
  const suggestion = message.suggestions?.[0];
  if (!suggestion) return undefined;
  return {
    from: suggestion.fix.range[0],
    to: suggestion.fix.range[1],
    text: suggestion.fix.text,
    title: suggestion.desc,
  };
}

/** Control characters (a file of NUL bytes) as `\u0000`, so a message stays readable text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const printable = (text: string) =>
  text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function toDiagnostic(path: string, message: Linter.LintMessage): LintDiagnostic {
  const line = message.line ?? 1;
  const column = message.column ?? 1;
  const fix = toFix(message);
  return {
    path,
    line,
    column,
    endLine: message.endLine ?? line,
    endColumn: message.endColumn ?? column,
    severity: message.severity === 2 ? 'error' : 'warning',
    ruleId: message.ruleId,
    message: printable(
      message.fatal
        ? message.message.replace(/^Parsing error: /, 'Syntax error: ')
        : message.message,
    ),
    ...(fix ? { fix } : {}),
  };
}

function configFor(options: LintOptions): Linter.Config {
  const project = options.config;
  return {
    files: ['**'],
    languageOptions: {
      // The kernel parses cells with acorn's 'latest'; a cell that runs must not be a syntax error here.
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globalsFor(options.kind, options.knownGlobals), ...project?.globals },
    },
    linterOptions: {
      noInlineConfig: options.strict === true || project?.noInlineConfig === true,
      reportUnusedDisableDirectives: 'warn',
    },
    rules: { ...rulesFor(options.kind), ...project?.rules } as Linter.RulesRecord,
  };
}

/**
 * Lints one file or cell with the Labbook's rule set (docs/lint-rules.md). Never throws: a syntax
 * error, a file nested too deep for the parser or a linter failure is one diagnostic.
 */
export function lintSource(text: string, options: LintOptions): LintDiagnostic[] {
  const { path } = options;
  if (text.length > MAX_LINT_CHARS)
    return [
      wholeFileDiagnostic(
        path,
        'warning',
        `Not linted: ${(text.length / 1e6).toFixed(1)} million characters is more than the linter reads (${MAX_LINT_CHARS / 1e6} million). Split the file into modules.`,
      ),
    ];
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(text, configFor(options), { filename: path });
  } catch (error) {
    if (error instanceof RangeError) return [tooDeepDiagnostic(path, deepestPoint(text))];
    return [
      wholeFileDiagnostic(
        path,
        'error',
        `The linter stopped on this file: ${(error as Error).message}. Check eslint.config.json, or report the file if it looks valid.`,
      ),
    ];
  }
  const fatal = messages.find((m) => m.fatal);
  if (fatal && fatal.line === undefined && /call stack/i.test(fatal.message))
    return [tooDeepDiagnostic(path, deepestPoint(text))];
  const keep =
    options.kind === 'cell' && !fatal ? cellScopeFilter(linter.getSourceCode()) : () => true;
  return messages.filter(keep).map((m) => toDiagnostic(path, m));
}
