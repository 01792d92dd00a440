import type { ByteRange } from './plan';

/** How far a part really reached: cuts are guesses, a quoted field can run on past one. */
export interface Reach {
  /** The byte just after the part's last row (`range.end`, or later past a quoted line break). */
  end: number;
  /** Still inside a quoted field at `end`: the part gave up reading on (see `PART_READS_ON`). */
  open: boolean;
}

export type Stitched<T> =
  | { kind: 'parts'; parts: T[] }
  | { kind: 'failed'; error: unknown; before: T[]; start: number }
  | { kind: 'open' };

/**
 * Puts parts parsed in parallel back in file order and keeps only those that started where a
 * row starts. Part 0 starts after the header; each next part must start where the one before
 * really ended. A part whose cut fell inside a quoted field (the one before read on past it) is
 * parsed again (`again`) from where that row ends, and a part wholly inside one is dropped. The
 * first failure of a correctly started part is the file's first failure, as in one pass.
 */
export async function stitchParts<T extends Reach>(
  ranges: ByteRange[],
  first: PromiseSettledResult<T>[],
  again: (range: ByteRange) => Promise<T>,
): Promise<Stitched<T>> {
  const parts: T[] = [];
  let at = ranges[0]?.start ?? 0;
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    if (range.end <= at) continue;
    const settled =
      range.start === at
        ? first[i]!
        : await again({ start: at, end: range.end }).then(
            (value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
            (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
          );
    if (settled.status === 'rejected')
      return { kind: 'failed', error: settled.reason, before: parts, start: at };
    if (settled.value.open) return { kind: 'open' };
    parts.push(settled.value);
    at = settled.value.end;
  }
  return { kind: 'parts', parts };
}
