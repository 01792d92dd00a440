import { KernelError } from './errors';

/** Said whenever a cell tries to change a built-in the kernel froze (see ./harden-intrinsics.ts). */
export const FROZEN_BUILTIN =
  'Built-ins are frozen in this notebook so checks can trust them: define your own function instead';

/** Said when a cell tries to change a library's function the kernel locked (./library-locks.ts). */
export const LOCKED_LIBRARY =
  'The libraries’ functions (aq, tf) are locked in this notebook so checks can trust them: define your own function instead';

/** Whose method a cell tried to change: JavaScript's own, or a library's. */
export type Frozen = 'built-in' | 'library';

/** A cell assigned to a frozen built-in, e.g. `Array.prototype.includes = …`, or a locked library's. */
export function frozenBuiltinError(path: string, kind: Frozen = 'built-in'): KernelError {
  return new KernelError(
    'frozen-builtin',
    `Cannot change ${path}. ${kind === 'built-in' ? FROZEN_BUILTIN : LOCKED_LIBRARY} (for example \`const myFn = (…) => …\`), or give your own object or class the method.`,
  );
}

/**
 * V8's words when `Object.defineProperty`, `delete` in strict code or a frozen object refuse a
 * change: they do not say that built-ins are frozen on purpose.
 */
const REFUSED_CHANGE =
  /^Cannot (redefine property: |define property |add property |delete property |assign to read only property )/;

/** A TypeError's message, with why and what to do instead when it refused a change of a built-in. */
export function explainRefusedChange(error: Error, message: string): string {
  if (!(error instanceof TypeError) || !REFUSED_CHANGE.test(message)) return message;
  return `${message}\nIf that property belongs to a built-in (Math, JSON, Object, Array.prototype…): ${FROZEN_BUILTIN}.`;
}
