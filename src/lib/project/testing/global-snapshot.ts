/** The global scope's own properties, as they were before a test file ran. */
export type GlobalSnapshot = Map<string | symbol, PropertyDescriptor>;

export function snapshotGlobals(scope: object = globalThis): GlobalSnapshot {
  const snapshot: GlobalSnapshot = new Map();
  for (const key of Reflect.ownKeys(scope)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(scope, key);
    if (descriptor) snapshot.set(key, descriptor);
  }
  return snapshot;
}

/**
 * Deletes the globals a test file added and puts back those it replaced (`Math = …`,
 * `globalThis.fetch = …`), so the next file and the next run start clean. Properties the scope
 * locked (the kernel's guards) cannot have changed and are left alone. What a file does to
 * built-in prototypes is not undone here: the Tests panel runs each run in a fresh worker.
 */
export function restoreGlobals(snapshot: GlobalSnapshot, scope: object = globalThis): void {
  for (const key of Reflect.ownKeys(scope)) {
    const before = snapshot.get(key);
    const now = Reflect.getOwnPropertyDescriptor(scope, key);
    if (!now?.configurable) continue;
    if (!before) Reflect.deleteProperty(scope, key);
    else if (!same(before, now)) Reflect.defineProperty(scope, key, before);
  }
  for (const [key, before] of snapshot)
    if (!Reflect.getOwnPropertyDescriptor(scope, key)) Reflect.defineProperty(scope, key, before);
}

function same(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return a.value === b.value && a.get === b.get && a.set === b.set && a.writable === b.writable;
}
