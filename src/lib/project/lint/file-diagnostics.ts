import type { LintDiagnostic, LintSeverity } from './types';

/** A diagnostic about the whole file, shown on its first line. */
export function wholeFileDiagnostic(
  path: string,
  severity: LintSeverity,
  message: string,
  line = 1,
  column = 1,
): LintDiagnostic {
  return {
    path,
    line,
    column,
    endLine: line,
    endColumn: column + 1,
    severity,
    ruleId: null,
    message,
  };
}

/**
 * Where the brackets are nested deepest, as a place to point at when the parser ran out of stack.
 * A plain scan (strings and comments are not skipped): it only has to find the region, and a
 * file that overflows the parser is rarely subtle about where.
 */
export function deepestPoint(text: string): { line: number; column: number; depth: number } {
  let depth = 0;
  let best = { line: 1, column: 1, depth: 0 };
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 40 || c === 91 || c === 123) {
      depth++;
      if (depth > best.depth) best = { line, column: i - lineStart + 1, depth };
    } else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return best;
}

export function tooDeepDiagnostic(
  path: string,
  at: { line: number; column: number; depth: number },
): LintDiagnostic {
  return wholeFileDiagnostic(
    path,
    'error',
    `Too deeply nested to lint: brackets reach ${at.depth} levels here, more than the parser can follow. Flatten the code (name the inner parts) so it can be read and run.`,
    at.line,
    at.column,
  );
}
