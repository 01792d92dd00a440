import { describe, expect, it } from 'vitest';
import {
  explainRefusedChange,
  FROZEN_BUILTIN,
  frozenBuiltinError,
} from '../../../src/lib/kernel/frozen-builtin';
import { KernelError } from '../../../src/lib/kernel/errors';

/** What V8 says when `fn` changes a frozen object, as the cell's error output would show it. */
function refusal(fn: () => void): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new TypeError('expected a refusal');
}

describe('refused changes of frozen built-ins', () => {
  it('an assignment names the built-in and says what to do instead, with a code', () => {
    const error = frozenBuiltinError('Array.prototype.includes');
    expect(error).toBeInstanceOf(KernelError);
    expect(error.code).toBe('frozen-builtin');
    expect(error.message).toBe(
      `Cannot change Array.prototype.includes. ${FROZEN_BUILTIN} (for example \`const myFn = (…) => …\`), or give your own object or class the method.`,
    );
  });

  it('adds why to the refusals V8 words as if by accident, and only to those', () => {
    const frozen = Object.freeze({ random: () => 1 });
    for (const change of [
      () => Object.defineProperty(frozen, 'random', { value: 2 }),
      () => Object.defineProperty(frozen, 'extra', { value: 2 }),
      () => void ((frozen as Record<string, unknown>).random = 2),
      () => void ((frozen as Record<string, unknown>).extra = 2),
      () => void delete (frozen as Record<string, unknown>).random,
    ]) {
      const error = refusal(change);
      expect(explainRefusedChange(error, error.message)).toBe(
        `${error.message}\nIf that property belongs to a built-in (Math, JSON, Object, Array.prototype…): ${FROZEN_BUILTIN}.`,
      );
    }
    const other = refusal(() => (null as unknown as { x: number }).x);
    expect(explainRefusedChange(other, other.message)).toBe(other.message);
    const notType = new RangeError('Cannot redefine property: x');
    expect(explainRefusedChange(notType, notType.message)).toBe(notType.message);
  });
});
