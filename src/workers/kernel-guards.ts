import {
  isProtectedCache,
  isProtectedDatabase,
  refuseCache,
  refuseDatabase,
  refuseWorker,
  workerUrlAllowed,
} from '../lib/kernel/protected-storage';
import { overridable } from '../lib/kernel/overridable';

/** What Dexie needs to reach IndexedDB, unguarded: only the Labbook's own code holds it. */
export interface StoreDeps {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

// Captured before any cell runs: a cell that replaces these globals changes nothing here.
const apply = Reflect.apply;
const construct = Reflect.construct;
const define = Object.defineProperty;

/** A property nobody can replace or delete afterwards (cells run in this same global scope). */
function lock(target: object, key: string, value: unknown): void {
  define(target, key, { value, writable: false, configurable: false, enumerable: false });
}

/**
 * Cells run in this worker's global scope, next to the lab API's own database connection. Before
 * any cell runs, this keeps the real IndexedDB methods for the Labbook, and makes every way a cell
 * can reach them — `indexedDB`, `IDBFactory.prototype`, the `WorkerGlobalScope` getter, `caches`,
 * `CacheStorage.prototype`, a nested `Worker` with a fresh global scope — refuse the Labbook's own
 * databases and the service worker's caches. The guards sit on the prototypes, so every handle to
 * the real objects is guarded; the originals live only in this module's closures.
 */
export function guardKernelScope(scope: typeof globalThis): StoreDeps | undefined {
  const deps = guardIndexedDb(scope);
  freezeIndexedDb(scope);
  guardCaches(scope);
  guardWorkers(scope);
  return deps;
}

function guardIndexedDb(scope: typeof globalThis): StoreDeps | undefined {
  if (typeof IDBFactory === 'undefined') return undefined;
  const factory = scope.indexedDB as IDBFactory | undefined;
  const proto = IDBFactory.prototype;
  const { open, deleteDatabase, databases, cmp } = proto;
  const real = {
    open: (name: string, version?: number) =>
      apply(open, factory, version === undefined ? [name] : [name, version]),
    deleteDatabase: (name: string) => apply(deleteDatabase, factory, [name]),
    databases: () => apply(databases, factory, []),
    cmp: (a: unknown, b: unknown) => apply(cmp, factory, [a, b]),
  } as unknown as IDBFactory;
  lock(proto, 'open', function (this: IDBFactory, name: string, version?: number) {
    const text = `${name}`; // converted once, so a name cannot change between check and use
    if (isProtectedDatabase(text)) throw refuseDatabase('open', text);
    return apply(open, this, arguments.length < 2 ? [text] : [text, version]);
  });
  lock(proto, 'deleteDatabase', function (this: IDBFactory, name: string) {
    const text = `${name}`;
    if (isProtectedDatabase(text)) throw refuseDatabase('deleteDatabase', text);
    return apply(deleteDatabase, this, [text]);
  });
  // `self.indexedDB = fake` or `delete self.indexedDB` must not redirect anyone's storage.
  if (factory) lock(scope, 'indexedDB', factory);
  if (!factory) return undefined;
  // openStore(deps) also makes them every other Dexie's default in this worker.
  return { indexedDB: real, IDBKeyRange };
}

/**
 * Dexie reaches IndexedDB through these prototypes at call time, so a cell that patched, say,
 * `IDBDatabase.prototype.transaction` would be handed the Labbook's own open connection. Frozen,
 * they cannot be patched; their methods stay overridable on instances, because Dexie sets its own
 * `cursor.continue` and `cursor.advance` on each cursor it iterates (a `filter()` query).
 */
const IDB_INTERFACES = [
  'IDBFactory',
  'IDBDatabase',
  'IDBTransaction',
  'IDBObjectStore',
  'IDBIndex',
  'IDBCursor',
  'IDBCursorWithValue',
  'IDBRequest',
  'IDBOpenDBRequest',
  'IDBKeyRange',
  'IDBVersionChangeEvent',
  'EventTarget',
  'Event',
] as const;

function freezeIndexedDb(scope: typeof globalThis): void {
  for (const name of IDB_INTERFACES) {
    const Interface = (scope as unknown as Record<string, (() => void) | undefined>)[name];
    if (typeof Interface !== 'function') continue;
    for (const key of Object.getOwnPropertyNames(Interface.prototype))
      if (key !== 'constructor') overridable(Interface.prototype, `${name}.prototype`, key);
    Object.freeze(Interface.prototype);
    Object.freeze(Interface);
    lock(scope, name, Interface);
  }
}

function guardCaches(scope: typeof globalThis): void {
  if (typeof CacheStorage === 'undefined') return;
  const proto = CacheStorage.prototype;
  const { open, delete: remove } = proto;
  lock(proto, 'open', async function (this: CacheStorage, name: string) {
    const text = `${name}`;
    if (isProtectedCache(text)) throw refuseCache('open', text);
    return apply(open, this, [text]);
  });
  lock(proto, 'delete', async function (this: CacheStorage, name: string) {
    const text = `${name}`;
    if (isProtectedCache(text)) throw refuseCache('delete', text);
    return apply(remove, this, [text]);
  });
  if ('caches' in scope) lock(scope, 'caches', scope.caches);
}

function guardWorkers(scope: typeof globalThis): void {
  const origin = scope.location.origin;
  const base = scope.location.href;
  for (const name of ['Worker', 'SharedWorker'] as const) {
    const Native = (scope as unknown as Record<string, new (...args: unknown[]) => object>)[name];
    if (typeof Native !== 'function') continue;
    // A plain function, not `class extends Native`: the prototype chain of a subclass would hand
    // the unguarded constructor to `Object.getPrototypeOf(Worker)`.
    const Guarded = function (this: unknown, url: string | URL, options?: unknown) {
      if (!new.target) throw new TypeError(`Failed to construct '${name}': use 'new'.`);
      const text = `${url}`;
      const href = workerUrlAllowed(text, base, origin);
      if (href === undefined) throw refuseWorker(text);
      return construct(Native, [href, options], new.target) as object;
    };
    Guarded.prototype = Native.prototype;
    lock(Native.prototype, 'constructor', Guarded);
    lock(scope, name, Guarded);
  }
}
