import { diffLines } from 'diff';
import { inspect } from '../../kernel/inspect';
import type { SourceLocation } from '../modules';
import type { TestFailure } from './types';

/** Reads a property of a thrown value without trusting it: a getter may throw. */
function read(value: unknown, key: string): unknown {
  try {
    return value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)[key]
      : undefined;
  } catch {
    return undefined;
  }
}

function show(value: unknown): string {
  try {
    return inspect(value);
  } catch {
    return '[a value that cannot be shown: reading it throws]';
  }
}

/** A value as indented lines, for a readable line diff (inspect is one line). */
export function serialize(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    const text = JSON.stringify(
      value,
      (_key, v: unknown) => {
        if (v === undefined) return '[undefined]';
        if (typeof v === 'number' && !Number.isFinite(v)) return `[${v}]`;
        if (typeof v === 'bigint') return `${v}n`;
        if (typeof v === 'function') return `[Function ${v.name || '(anonymous)'}]`;
        if (v && typeof v === 'object') {
          if (seen.has(v)) return '[Circular]';
          seen.add(v);
          if (v instanceof Map) return { '[Map]': [...v.entries()] };
          if (v instanceof Set) return { '[Set]': [...v.values()] };
        }
        return v;
      },
      2,
    );
    return text ?? show(value);
  } catch {
    return show(value);
  }
}

/** `- expected` / `+ received` lines, unchanged lines indented, as Jest and pytest show them. */
function expectedReceivedDiff(expected: unknown, actual: unknown): string {
  const lines: string[] = ['- expected', '+ received', ''];
  for (const part of diffLines(serialize(expected), serialize(actual))) {
    const mark = part.added ? '+ ' : part.removed ? '- ' : '  ';
    for (const line of part.value.replace(/\n$/, '').split('\n')) lines.push(mark + line);
  }
  return lines.join('\n');
}

/**
 * Any thrown value made into a failure the student can read: the message, the diff when the
 * assertion carries expected and actual (chai's AssertionError does, with `showDiff`), and the
 * line of `file` that failed (the test file), else the innermost project line.
 */
export function describeFailure(
  error: unknown,
  file: string,
  frames: (error: unknown) => SourceLocation[],
): TestFailure {
  const isError =
    error instanceof Error ||
    (typeof read(error, 'message') === 'string' && typeof read(error, 'name') === 'string');
  const message = isError
    ? `${String(read(error, 'name'))}: ${String(read(error, 'message'))}`
    : `The test threw ${show(error)}, which is not an Error, so it has no stack: throw an Error object (for example a TypeError with a message) to see where.`;
  const located = frames(error);
  const at = located.find((f) => f.file === file) ?? located[0];
  const failure: TestFailure = { message, ...(at ? { at } : {}) };
  if (isError && read(error, 'showDiff') !== false && hasBoth(error))
    failure.diff = expectedReceivedDiff(read(error, 'expected'), read(error, 'actual'));
  return failure;
}

function hasBoth(error: unknown): boolean {
  try {
    return (
      'expected' in (error as object) &&
      'actual' in (error as object) &&
      read(error, 'showDiff') === true
    );
  } catch {
    return false;
  }
}
