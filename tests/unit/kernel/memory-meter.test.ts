import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { KernelError } from '../../../src/lib/kernel/errors';
import { memoryBudget } from '../../../src/lib/kernel/memory-budget';
import { meterBuffers } from '../../../src/lib/kernel/memory-meter';

type Scope = Record<string, new (...args: unknown[]) => ArrayBufferView & { buffer: ArrayBuffer }>;

/** A fresh realm, so wrapping its constructors leaves this test's own untouched. */
function realm(budget: number) {
  const scope = runInNewContext('globalThis') as Scope;
  const over: number[] = [];
  const meter = meterBuffers(scope, budget, (bytes) => over.push(bytes));
  return { scope, over, meter };
}

describe('meterBuffers', () => {
  it('counts typed arrays and refuses the one that would go over budget', () => {
    const { scope, over, meter } = realm(1_000_000);
    const kept = new scope.Float64Array!(100_000);
    expect(meter.bytes()).toBe(800_000);
    let refused: unknown;
    try {
      new scope.Float64Array!(100_000);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(KernelError);
    expect((refused as KernelError).code).toBe('out-of-memory');
    expect((refused as KernelError).message).toMatch(/^The kernel used more than 1 MB of memory/);
    expect(over).toEqual([1_600_000]);
    expect(kept.byteLength).toBe(800_000);
  });

  it("keeps each constructor's place in the prototype chain, as polyfills loaded later read it", () => {
    const { scope } = realm(1_000_000);
    // get-intrinsic (in isomorphic-git's polyfills) finds %TypedArray% as Uint8Array's parent and
    // reads the buffer getter from its prototype: a wrapper in between made that read throw.
    const TypedArray = Object.getPrototypeOf(scope.Uint8Array) as { prototype: object };
    expect(Object.hasOwn(TypedArray, 'BYTES_PER_ELEMENT')).toBe(false);
    const getter = Object.getOwnPropertyDescriptor(TypedArray.prototype, 'buffer')?.get;
    expect(typeof getter).toBe('function');
    expect(getter!.call(new scope.Uint8Array!(4))).toBeInstanceOf(scope.ArrayBuffer as never);
  });

  it('keeps instanceof, statics and subclassing working', () => {
    const { scope } = realm(1_000_000);
    const F32 = scope.Float32Array! as unknown as typeof Float32Array;
    expect(new F32(2)).toBeInstanceOf(F32);
    expect(F32.from([1, 2, 3]).length).toBe(3);
    expect(F32.BYTES_PER_ELEMENT).toBe(4);
    class Mine extends F32 {}
    expect(new Mine(3)).toBeInstanceOf(F32);
    expect(() => (F32 as unknown as () => unknown)()).toThrow(/requires 'new'/);
  });

  it('counts slice, map and ArrayBuffer copies, moves transfer, skips small buffers', () => {
    const { scope, meter } = realm(10_000_000);
    const F64 = scope.Float64Array! as unknown as typeof Float64Array;
    const a = new F64(1000); // 8 KB
    a.slice();
    a.map((x) => x);
    expect(meter.bytes()).toBe(24_000);
    const AB = scope.ArrayBuffer! as unknown as typeof ArrayBuffer;
    const buffer = new AB(10_000);
    buffer.slice(0);
    expect(meter.bytes()).toBe(44_000);
    if ('transfer' in buffer) {
      (buffer as ArrayBuffer & { transfer(n?: number): ArrayBuffer }).transfer(20_000);
      expect(meter.bytes()).toBe(54_000);
    }
    const counted = meter.bytes();
    new F64(10); // 80 bytes: stays on the JS heap, not counted
    new F64(a.buffer); // a view of a counted buffer is not counted again
    expect(meter.bytes()).toBe(counted);
  });

  it('refuses one huge allocation before making it', () => {
    const { scope, over } = realm(1_000_000);
    expect(() => new scope.ArrayBuffer!(2 ** 40)).toThrow(KernelError);
    expect(over).toEqual([2 ** 40]);
  });
});

describe('memoryBudget', () => {
  it('is a quarter of the device memory, between 1 and 2 GB', () => {
    const GB = 1024 ** 3;
    expect(memoryBudget(undefined)).toBe(GB);
    expect(memoryBudget(0.5)).toBe(GB);
    expect(memoryBudget(4)).toBe(GB);
    expect(memoryBudget(6)).toBe(1.5 * GB);
    expect(memoryBudget(8)).toBe(2 * GB);
    expect(memoryBudget(16)).toBe(2 * GB);
  });
});
