import type { LintDiagnostic } from '../lint/types';
import { CONTAINER_RULES, type ContainerRuleId } from './rules';

/** Where a diagnostic points, 1-based like an editor; the end is exclusive. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A rule's diagnostic in the lint worker's shape, so the Problems panel and gutter show it. */
export function ruleDiagnostic(
  path: string,
  id: ContainerRuleId,
  at: Span,
  message: string,
): LintDiagnostic {
  const rule = CONTAINER_RULES[id];
  return {
    path,
    ...at,
    severity: rule.severity,
    ruleId: id,
    message: `${message} In the Labbook: ${rule.labbook}`,
  };
}

/** The 1-based line and column of an offset, counting UTF-16 units as CodeMirror does. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}
