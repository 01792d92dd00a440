import { outOfMemory } from './memory-budget';

const TYPED_ARRAYS = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float16Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
] as const;

/**
 * Buffers under this size are not counted: V8 keeps small typed arrays on the JS heap, and reading
 * their `.buffer` to count them would move them off it.
 */
const COUNTED_FROM = 4096;

type Constructor = (new (...args: unknown[]) => object) & { BYTES_PER_ELEMENT?: number };

/**
 * Counts the ArrayBuffer memory allocated in `scope` (the kernel worker's global scope: cells, the
 * lab API, TF.js and arquero alike) and refuses an allocation that would take it over `budget`,
 * calling `over` first so the page can stop the kernel. Typed-array and ArrayBuffer constructors
 * and `ArrayBuffer.prototype.slice`/`transfer` are wrapped; a FinalizationRegistry subtracts what
 * the garbage collector frees. Plain JS arrays, objects and strings live on the JS heap, which no
 * browser lets a worker measure: they are not counted (see docs/architecture.md, Kernel).
 */
export function meterBuffers(
  scope: Record<string, unknown>,
  budget: number,
  over: (bytes: number) => void,
): { bytes(): number } {
  let total = 0;
  const sizes = new WeakMap<ArrayBufferLike, number>();
  const freed = new FinalizationRegistry<number>((bytes) => (total -= bytes));
  const refuse = (bytes: number) => {
    over(total + bytes);
    throw outOfMemory(budget);
  };
  const before = (bytes: number) => {
    if (bytes >= COUNTED_FROM && total + bytes > budget) refuse(bytes);
  };
  const count = (buffer: ArrayBufferLike) => {
    const bytes = buffer.byteLength;
    if (bytes < COUNTED_FROM || sizes.has(buffer)) return;
    if (total + bytes > budget) refuse(bytes);
    total += bytes;
    sizes.set(buffer, bytes);
    freed.register(buffer, bytes, buffer);
  };
  const uncount = (buffer: ArrayBufferLike) => {
    const bytes = sizes.get(buffer);
    if (bytes === undefined) return;
    total -= bytes;
    sizes.delete(buffer);
    freed.unregister(buffer);
  };

  for (const name of TYPED_ARRAYS) {
    const Native = scope[name] as Constructor | undefined;
    if (typeof Native !== 'function') continue;
    const size = Native.BYTES_PER_ELEMENT ?? 1;
    wrap(scope, name, Native, (args) => {
      if (typeof args[0] === 'number') before(args[0] * size);
      return (array) => {
        const view = array as ArrayBufferView;
        if (view.byteLength >= COUNTED_FROM) count(view.buffer);
      };
    });
  }
  const NativeBuffer = scope.ArrayBuffer as Constructor | undefined;
  if (typeof NativeBuffer === 'function') {
    wrap(scope, 'ArrayBuffer', NativeBuffer, (args) => {
      if (typeof args[0] === 'number') before(args[0]);
      return (buffer) => count(buffer as ArrayBuffer);
    });
    const proto = NativeBuffer.prototype as Record<string, unknown>;
    for (const method of ['slice', 'transfer', 'transferToFixedLength']) {
      const native = proto[method] as ((...args: unknown[]) => ArrayBuffer) | undefined;
      if (typeof native !== 'function') continue;
      const moves = method !== 'slice'; // transfer detaches the old buffer: its bytes move
      proto[method] = function (this: ArrayBuffer, ...args: unknown[]) {
        const result = Reflect.apply(native, this, args);
        if (moves) uncount(this);
        count(result);
        return result;
      };
    }
  }
  return { bytes: () => total };
}

/**
 * Replaces `scope[name]` with a constructor that checks before and counts after the native one.
 * The native prototype's `constructor` points to the wrapper, so `slice`, `map` and `from` (which
 * construct through `constructor[Symbol.species]`) are counted too; `instanceof` still works.
 */
function wrap(
  scope: Record<string, unknown>,
  name: string,
  Native: Constructor,
  check: (args: unknown[]) => (made: object) => void,
): void {
  const Metered = function (this: unknown, ...args: unknown[]) {
    if (!new.target) return Reflect.apply(Native as unknown as () => object, this, args);
    const after = check(args);
    const made = Reflect.construct(Native, args, new.target) as object;
    after(made);
    return made;
  };
  // The wrapper stands where the native constructor stood, in its place in the prototype chain
  // (Uint8Array's parent is %TypedArray%) with its own statics: code loaded after the kernel
  // starts (a lab namespace's polyfills) finds %TypedArray% as getPrototypeOf(Uint8Array).
  Object.setPrototypeOf(Metered, Object.getPrototypeOf(Native) as object);
  for (const key of Reflect.ownKeys(Native))
    if (key !== 'prototype' && key !== 'length')
      Object.defineProperty(Metered, key, Object.getOwnPropertyDescriptor(Native, key)!);
  Object.defineProperty(Metered, 'name', { value: name });
  Metered.prototype = Native.prototype;
  Object.defineProperty(Native.prototype, 'constructor', {
    value: Metered,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  scope[name] = Metered;
}
