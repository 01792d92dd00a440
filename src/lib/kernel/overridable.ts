import { frozenBuiltinError, type Frozen } from './frozen-builtin';

// Taken at module load, before any cell runs.
const { defineProperty, getOwnPropertyDescriptor } = Reflect;
const hasOwn = Object.hasOwn;

export interface OverridableOptions {
  /** Does nothing on assignment instead of refusing it. */
  ignored?: boolean;
  /** Which objects refuse the assignment: the method's owner, or also its owner's kin. */
  owns?: (object: object) => boolean;
  /** Whose method it is, for the refusal's message. */
  kind?: Frozen;
}

/**
 * Turns a method into an accessor that reads as the method and refuses assignment on its owner
 * itself (`ignored`: does nothing instead), while an object inheriting from it still gets its own
 * property (`obj.toString = …`, Dexie's `cursor.advance = …`): the same emulation SES uses for its
 * override taming. Frozen as data, the owner would make every such assignment throw in strict code.
 */
export function overridable(
  target: object,
  path: string,
  key: string,
  { ignored = false, owns = (o) => o === target, kind = 'built-in' }: OverridableOptions = {},
): void {
  const d = getOwnPropertyDescriptor(target, key);
  if (!d || !('value' in d) || !d.configurable || typeof d.value !== 'function') return;
  const value: unknown = d.value;
  const { get, set } = getOwnPropertyDescriptor(
    {
      get [key]() {
        return value;
      },
      set [key](next: unknown) {
        if (owns(this as object)) {
          if (ignored) return;
          throw frozenBuiltinError(`${path}.${key}`, kind);
        }
        if (hasOwn(this as object, key)) (this as Record<string, unknown>)[key] = next;
        else
          defineProperty(this as object, key, {
            value: next,
            writable: true,
            enumerable: true,
            configurable: true,
          });
      },
    },
    key,
  )!;
  // harden walks this to freeze the method, which is otherwise reachable only through the getter.
  defineProperty(get!, 'originalValue', {
    value,
    writable: false,
    enumerable: false,
    configurable: false,
  });
  defineProperty(target, key, { get, set, enumerable: d.enumerable, configurable: false });
}
