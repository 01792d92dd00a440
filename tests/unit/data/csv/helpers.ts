import { type Column } from '../../../../src/lib/data/columnar';
import { valueAt } from '../../../../src/lib/data/columnar';

/** Yields `text` (or bytes) as UTF-8 chunks of `size` bytes, splitting anywhere. */
export async function* chunksOf(input: string | Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  for (let i = 0; i < bytes.length; i += size) {
    await Promise.resolve();
    yield bytes.subarray(i, i + size);
  }
}

export const values = (c: Column | undefined): unknown[] =>
  c
    ? Array.from({ length: c.type === 'category' ? c.codes.length : c.values.length }, (_, i) =>
        valueAt(c, i),
      )
    : [];
