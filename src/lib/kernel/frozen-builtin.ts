import { KernelError } from './errors';

/** Said whenever a cell tries to change a built-in the kernel froze (see ./harden-intrinsics.ts). */
export const FROZEN_BUILTIN =
  'Built-ins are frozen in this notebook so checks can trust them: define your own function instead';

/** A cell assigned to a frozen built-in, e.g. `Array.prototype.includes = …`. */
export function frozenBuiltinError(path: string): KernelError {
  return new KernelError(
    'frozen-builtin',
    `Cannot change ${path}. ${FROZEN_BUILTIN} (for example \`const myFn = (…) => …\`), or give your own object or class the method.`,
  );
}
