import { HEADER_LINES } from '../../kernel/async-function';
import type { SourceLocation } from './module-error';

const FRAME = /project:([^\s():]+):(\d+):(\d+)/g;

/** The stack of an error, read without trusting it: a thrown value can be anything. */
export function stackOf(error: unknown): string {
  try {
    const stack = (error as { stack?: unknown } | null)?.stack;
    return typeof stack === 'string' ? stack : '';
  } catch {
    return '';
  }
}

/**
 * The project frames of a stack, innermost first, as the student's `file:line:column`: the
 * AsyncFunction header lines are taken off, and on line 1 the loader's prefix
 * (transform-module.ts) too.
 */
export function projectFrames(
  error: unknown,
  prefixLengths: ReadonlyMap<string, number>,
): SourceLocation[] {
  const frames: SourceLocation[] = [];
  for (const match of stackOf(error).matchAll(FRAME)) {
    const file = match[1]!;
    const line = Number(match[2]) - HEADER_LINES;
    if (line < 1) continue;
    const column = Number(match[3]) - (line === 1 ? (prefixLengths.get(file) ?? 0) : 0);
    frames.push({ file, line, column: Math.max(1, column) });
  }
  return frames;
}

export function locateInStack(
  error: unknown,
  prefixLengths: ReadonlyMap<string, number>,
): SourceLocation | undefined {
  return projectFrames(error, prefixLengths)[0];
}
