import { KernelError } from './errors';

/**
 * Checks run in the same realm as the student's cells, so a cell could replace `Math.random`,
 * `Object.keys` or `Array.prototype.filter` and make a check compute what the cell wants. This
 * records the built-ins as they were before any cell ran and puts them back for the length of a
 * check (the student's replacements return afterwards, so their own code behaves as they wrote
 * it). A cell that patches a built-in *while* a check awaits (a timer) is beyond it: the kernel
 * worker and the grading threads freeze the built-ins first (./harden-intrinsics.ts), and there
 * this finds nothing to put back but the global bindings left writable (`Promise`).
 */

// Taken at module load, before any cell runs: a cell may replace Reflect's methods too.
const { getOwnPropertyDescriptor, defineProperty, deleteProperty, ownKeys, apply } = Reflect;
const arrayPush = Array.prototype.push;
const push = <T>(list: T[], item: T) => void apply(arrayPush, list, [item]);

/** The built-in objects whose methods a check leans on, and a cell is likely to patch. */
export const BUILTIN_NAMESPACES = [
  'Object',
  'Array',
  'Math',
  'JSON',
  'Reflect',
  'Number',
  'String',
  'Boolean',
  'Promise',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Date',
  'RegExp',
  'Error',
  'Symbol',
  'Function',
  'BigInt',
] as const;

/** The built-ins a check is likely to lean on, and the global names that lead to them. */
const GLOBAL_NAMES = [
  ...BUILTIN_NAMESPACES,
  'parseFloat',
  'parseInt',
  'isNaN',
  'isFinite',
  'setTimeout',
  'structuredClone',
  'crypto',
  'fetch',
  'Proxy',
] as const;

type Key = string | symbol;
interface Recorded {
  target: object;
  descriptors: Map<Key, PropertyDescriptor>;
}

const same = (a: PropertyDescriptor | undefined, b: PropertyDescriptor): boolean =>
  !!a &&
  a.value === b.value &&
  a.get === b.get &&
  a.set === b.set &&
  a.writable === b.writable &&
  a.enumerable === b.enumerable &&
  a.configurable === b.configurable;

function record(target: object): Recorded {
  const descriptors = new Map<Key, PropertyDescriptor>();
  for (const key of ownKeys(target)) descriptors.set(key, getOwnPropertyDescriptor(target, key)!);
  return { target, descriptors };
}

/** The built-ins of this realm as they are now: call before the first cell runs. */
export function recordIntrinsics(): Recorded[] {
  const g = globalThis as Record<string, unknown>;
  const recorded: Recorded[] = [];
  const targets = new Set<object>();
  for (const name of GLOBAL_NAMES) {
    const value = g[name];
    if (value && (typeof value === 'object' || typeof value === 'function')) {
      targets.add(value);
      const proto = (value as { prototype?: unknown }).prototype;
      if (proto && typeof proto === 'object') targets.add(proto);
    }
  }
  targets.add(Object.getPrototypeOf(async () => {}));
  for (const target of targets) push(recorded, record(target));
  // Only the listed names of the global object: the lab's own globals are not the check's business.
  const globals = new Map<Key, PropertyDescriptor>();
  for (const name of GLOBAL_NAMES) {
    const d = getOwnPropertyDescriptor(globalThis, name);
    if (d) globals.set(name, d);
  }
  push(recorded, { target: globalThis, descriptors: globals });
  return recorded;
}

type Undo = () => void;

/**
 * The listed globals by name, as recorded: a check's scope puts them above the cells' variables,
 * so a cell's own `const Math = …` cannot stand in for the real one in a check.
 */
export function recordedGlobals(recorded: readonly Recorded[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const globals = recorded.find((r) => r.target === globalThis);
  for (const [key, d] of globals?.descriptors ?? [])
    if (typeof key === 'string' && 'value' in d) out[key] = d.value;
  return out;
}

/** Puts one object's recorded properties back; returns how to restore the cell's version. */
function restore(r: Recorded, undo: Undo[], stuck: string[]): void {
  const { target, descriptors } = r;
  for (const [key, original] of descriptors) {
    const now = getOwnPropertyDescriptor(target, key);
    if (same(now, original)) continue;
    if (!defineProperty(target, key, original)) {
      push(stuck, String(key));
      continue;
    }
    push(undo, () =>
      now ? void defineProperty(target, key, now) : void deleteProperty(target, key),
    );
  }
  if (target === globalThis) return;
  // Properties a cell added (Object.prototype.pass = true) are hidden for the check as well.
  for (const key of ownKeys(target)) {
    if (descriptors.has(key)) continue;
    const added = getOwnPropertyDescriptor(target, key)!;
    if (!deleteProperty(target, key)) push(stuck, String(key));
    else push(undo, () => void defineProperty(target, key, added));
  }
}

/**
 * Runs `fn` with the recorded built-ins in place. A built-in a cell made impossible to put back
 * (redefined as non-configurable) fails the check with a KernelError rather than let the check
 * run on the cell's version.
 */
export async function withPristineIntrinsics<T>(
  recorded: readonly Recorded[],
  fn: () => Promise<T>,
): Promise<T> {
  const undo: Undo[] = [];
  const stuck: string[] = [];
  for (const r of recorded) restore(r, undo, stuck);
  try {
    if (stuck.length)
      throw new KernelError(
        'tampered-builtins',
        `A cell redefined built-in ${stuck.slice(0, 3).join(', ')} so that it cannot be put back, and checks need the real ones. Restart the kernel and run your cells again without redefining built-ins.`,
      );
    return await fn();
  } finally {
    for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
  }
}
