// Taken before lockdown, which replaces the constructor behind `(async () => {}).constructor`.
import './async-function';
import { overridable } from './overridable';
import { BUILTIN_NAMESPACES } from './pristine-intrinsics';

/**
 * Freezes this realm's built-ins (SES `lockdown()`) before any cell runs, so nothing a cell leaves
 * behind — a timer, a MessagePort handler, a promise loop — can change `Array.prototype.includes`
 * or `JSON.stringify` while a check awaits. Cells still declare their own globals and variables;
 * their own objects and classes still override `toString` and friends (SES's override taming).
 *
 * Options, and why:
 * - errorTaming 'unsafe': `error.stack` stays readable; the kernel finds a cell's line in it.
 * - stackFiltering 'verbose': stacks as V8 writes them, frames of cells and project modules kept.
 * - consoleTaming 'unsafe': the worker's own console; cells have a console of their own anyway.
 * - overrideTaming 'moderate': the override mistake repaired for what code assigns in practice
 *   (`obj.toString = …`, Buffer's typed-array methods); 'severe' turns every Object.prototype
 *   method into an accessor, slower on every property read, for exports objects bundlers no
 *   longer make.
 * - evalTaming 'unsafe-eval': cells and project modules are compiled with the AsyncFunction
 *   constructor, and TF.js and emscripten (sql.js) use `Function`; no Compartment is made, so
 *   the safe evaluator would protect nothing here.
 * - localeTaming 'unsafe': `toLocaleString` keeps formatting numbers and dates as the student's
 *   browser does.
 * - errorTrapping, unhandledRejectionTrapping 'none', reporting 'none': the kernel reports a
 *   cell's errors itself and must not have SES exit or log for it.
 */
const OPTIONS = {
  errorTaming: 'unsafe',
  stackFiltering: 'verbose',
  consoleTaming: 'unsafe',
  overrideTaming: 'moderate',
  evalTaming: 'unsafe-eval',
  localeTaming: 'unsafe',
  errorTrapping: 'none',
  unhandledRejectionTrapping: 'none',
  reporting: 'none',
} as const;

/**
 * Dexie, on entering and leaving a transaction's zone, assigns its own `all`, `race`, `resolve`…
 * to the native Promise and back again (dexie.mjs, switchToZone). Frozen, those assignments throw
 * and every transaction fails; ignored, Dexie still works (the zone swaps the global `Promise`
 * binding itself, which stays writable) and the native methods stay what checks rely on.
 */
const IGNORED_WRITES = new Map<string, ReadonlySet<string>>([
  ['Promise', new Set(['all', 'race', 'resolve', 'reject', 'allSettled', 'any'])],
]);

/**
 * The built-ins a cell is likely to patch, by global name: their own methods, and those of their
 * prototypes, refuse an assignment with a message that says why (a frozen data property would fail
 * silently in a cell, whose code is sloppy-mode for its `with` scope).
 */
const EXPLAINED = BUILTIN_NAMESPACES;

/**
 * Properties left as frozen data: V8 keeps fast paths (its "protectors": array species, promise
 * then, regexp exec) only while these stay plain data, so an accessor there would slow every
 * `map`, `await` and match. Object.prototype.constructor is the exception: d3-color (Plot) sets
 * `prototype.constructor = …` on plain objects, which a frozen data property refuses.
 */
const KEPT_AS_DATA = new Set<PropertyKey>([
  'constructor',
  'prototype',
  'then',
  'exec',
  'length',
  'name',
]);
const explained = (target: object, key: string) =>
  !KEPT_AS_DATA.has(key) || (target === Object.prototype && key === 'constructor');

const { defineProperty, getOwnPropertyDescriptor, ownKeys } = Reflect;

function explainAll(): void {
  const g = globalThis as unknown as Record<string, object>;
  for (const name of EXPLAINED) {
    const root = g[name];
    if (!root) continue;
    const ignored = IGNORED_WRITES.get(name) ?? new Set<string>();
    const targets: [object, string][] = [[root, name]];
    const proto = (root as { prototype?: object }).prototype;
    if (proto) targets.push([proto, `${name}.prototype`]);
    for (const [target, path] of targets)
      for (const key of ownKeys(target))
        if (typeof key === 'string' && explained(target, key))
          overridable(target, path, key, { ignored: target === root && ignored.has(key) });
  }
}

/**
 * The standard names on the global object, made constant after lockdown: a cell's timer that
 * sets `globalThis.JSON = …` would otherwise reach every library a check calls. Not `Promise`
 * (Dexie swaps it in its zones), nor the typed arrays and ArrayBuffer (the memory meter wraps them).
 * A cell's own `const JSON = …` is unaffected: cells declare into their own scope.
 */
const CONSTANT_GLOBALS = EXPLAINED.filter((name) => name !== 'Promise');

function lockGlobalNames(): void {
  for (const name of [
    ...CONSTANT_GLOBALS,
    'parseFloat',
    'parseInt',
    'isNaN',
    'isFinite',
    'Proxy',
  ]) {
    const d = getOwnPropertyDescriptor(globalThis, name);
    if (d && 'value' in d && d.configurable)
      defineProperty(globalThis, name, {
        value: d.value,
        writable: false,
        enumerable: false,
        configurable: false,
      });
  }
}

let hardened: Promise<void> | undefined;
let locked = false;

/** Whether lockdown froze this realm's built-ins (libraries loaded then are locked too). */
export const realmHardened = (): boolean => locked;

/**
 * Locks this realm down, once: call before any cell runs and before the kernel records its
 * built-ins (pristine-intrinsics.ts). SES is imported here, not at the top: loading it already
 * freezes `ArrayBuffer.prototype.slice`, which the memory meter wraps first. Libraries loaded
 * later (TF.js, arquero, Plot, the lab namespaces) run on the frozen built-ins.
 */
export function hardenRealm(): Promise<void> {
  return (hardened ??= import('ses/lockdown-shim.js').then(lockdown).catch((error: unknown) => {
    // The kernel still runs, with built-ins put back for each check (pristine-intrinsics.ts) as
    // before lockdown; a student's work is never blocked by a library lockdown refuses.
    console.error('The kernel could not freeze its built-ins (SES lockdown):', error);
  }));
}

function lockdown(): void {
  const g = globalThis as unknown as {
    repairIntrinsics(options: object): void;
    hardenIntrinsics(): void;
  };
  g.repairIntrinsics(OPTIONS);
  explainAll();
  g.hardenIntrinsics();
  lockGlobalNames();
  locked = true;
}
