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

/** Characters that are invisible or reorder text (controls, bidi, zero-width, lone surrogates). */
const HIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A value quoted for a message, cut to `max` characters, with hidden characters written as
 * `\uXXXX`: a right-to-left override in an image name must not reverse the message around it.
 */
export function quoted(value: unknown, max = 60): string {
  return `"${escapeHidden(cut(value, max).replace(/["\\]/g, (c) => `\\${c}`))}"`;
}

/** The same without quotes, for a name written as the student would type it. */
export function visible(value: unknown, max = 60): string {
  return escapeHidden(cut(value, max));
}

function cut(value: unknown, max: number): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const escapeHidden = (text: string) =>
  text.replace(HIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
