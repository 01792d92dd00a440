import { frozenBuiltinError } from './frozen-builtin';
import { overridable } from './overridable';

/*
 * Cells and checks share one copy of each library: a cell that replaces `aq.op.abs` or
 * `ColumnTable.prototype.numRows` would lie to every check that calls it, timer or not. In a
 * hardened realm (./harden-intrinsics.ts) the parts checks call are locked when the library
 * loads, as the built-ins are: their methods refuse assignment on the library's own objects and
 * prototypes, with a message that says why, while a student's own object or subclass can still
 * give itself a method of that name (the same override emulation as for built-ins).
 */

type Module = Record<string, unknown>;

const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf, ownKeys } = Reflect;

/**
 * Every prototype on the chains of `classes` below Object.prototype, each with the path a student
 * would write for it (the bundle minifies class names): `aq.Table.prototype` for an exported class,
 * `Object.getPrototypeOf(tf.Sequential.prototype)` for an ancestor that is not exported.
 */
function prototypeChains(classes: Record<string, unknown>): Map<object, string> {
  const found = new Map<object, string>();
  for (const [path, C] of Object.entries(classes))
    if (typeof C === 'function') found.set(C.prototype as object, `${path}.prototype`);
  for (const [proto, path] of [...found]) {
    let name = path;
    for (
      let above = getPrototypeOf(proto) as object | null;
      above && above !== Object.prototype && !found.has(above);
      above = getPrototypeOf(above) as object | null
    ) {
      name = `Object.getPrototypeOf(${name})`;
      found.set(above, name);
    }
  }
  return found;
}

/**
 * Locks the methods and accessors of these classes' prototypes (their whole chains) and makes the
 * prototypes non-extensible, so a cell can neither assign a method on one nor shadow it by defining
 * the name on a prototype lower down the chain.
 */
function lockClasses(classes: Record<string, unknown>): void {
  const chains = prototypeChains(classes);
  const owns = (o: object) => chains.has(o);
  for (const [proto, path] of chains) {
    for (const key of ownKeys(proto)) {
      if (typeof key !== 'string' || key === 'constructor') continue;
      const d = getOwnPropertyDescriptor(proto, key)!;
      if ('value' in d) overridable(proto, path, key, { owns, kind: 'library' });
      else if (d.configurable) defineProperty(proto, key, { ...d, configurable: false });
    }
    Object.preventExtensions(proto);
  }
}

/** Locks the functions of a library's plain namespace object (`aq.op`, `tf.losses`); new names stay possible. */
function lockFunctions(object: unknown, path: string): void {
  if (!object || typeof object !== 'object') return;
  for (const key of ownKeys(object))
    if (typeof key === 'string') overridable(object, path, key, { kind: 'library' });
}

/**
 * arquero's registration functions with `override: true` replace an operation in its internal
 * registry first and in `aq.op` second: refused here, before either, for a name `aq.op` has.
 * New names register as before.
 */
function guardedArquero(aq: Module): Module {
  const op = aq.op as Record<string, unknown>;
  const guard =
    (register: unknown) => (name: unknown, def?: unknown, options?: { override?: boolean }) => {
      const key = typeof name === 'function' ? name.name : String(name);
      if (options?.override && Object.hasOwn(op, key))
        throw frozenBuiltinError(`aq.op.${key}`, 'library');
      return (register as (...args: unknown[]) => unknown)(name, def, options);
    };
  return Object.freeze({
    ...aq,
    addFunction: guard(aq.addFunction),
    addAggregateFunction: guard(aq.addAggregateFunction),
    addWindowFunction: guard(aq.addWindowFunction),
  });
}

/** `names` of `module`'s exports, by the path a cell writes (`aq.Table`). */
const classesOf = (module: Module, prefix: string, names: string[]) =>
  Object.fromEntries(names.map((name) => [`${prefix}.${name}`, module[name]]));

const LOCKS: Record<string, (module: Module) => Module> = {
  arquero(aq) {
    lockFunctions(aq.op, 'aq.op');
    lockClasses(classesOf(aq, 'aq', ['ColumnTable', 'Table', 'BitSet', 'Reducer']));
    return guardedArquero(aq);
  },
  '@tensorflow/tfjs'(tf) {
    for (const name of ['losses', 'metrics', 'util', 'math', 'linalg', 'tensor_util'])
      lockFunctions(tf[name], `tf.${name}`);
    lockClasses(
      classesOf(tf, 'tf', ['Tensor', 'Variable', 'TensorBuffer', 'LayersModel', 'Sequential']),
    );
    return tf;
  },
};

/**
 * The library `specifier` as cells and checks get it in a hardened realm: locked once, on its first
 * load (call it with the loaded module; the same module is never locked twice).
 */
export function lockLibrary(specifier: string, module: unknown): unknown {
  const lock = LOCKS[specifier];
  return lock ? lock(module as Module) : module;
}
