/** A byte range of a CSV file that starts at the beginning of a line. */
export interface ByteRange {
  start: number;
  end: number;
}

const LF = 0x0a;

/** Reads `length` bytes at `offset` (a Blob slice in a worker, a Buffer in tests). */
export type ReadBytes = (offset: number, length: number) => Promise<Uint8Array>;

export class PartitionError extends Error {
  override name = 'PartitionError';
  constructor(
    readonly code: 'line-too-long' | 'no-header',
    message: string,
  ) {
    super(message);
  }
}

const PROBE = 1 << 20;

/** Offset just past the first LF at or after `from`, or `size` if the file ends first. */
async function nextLineStart(read: ReadBytes, from: number, size: number): Promise<number> {
  for (let at = from; at < size; at += PROBE) {
    const bytes = await read(at, Math.min(PROBE, size - at));
    const i = bytes.indexOf(LF);
    if (i >= 0) return at + i + 1;
    if (at + PROBE - from > 16 * PROBE)
      throw new PartitionError(
        'line-too-long',
        `No line break within 16 MB after byte ${from}: this does not look like a CSV file with one record per line.`,
      );
  }
  return size;
}

/**
 * Splits a CSV file of `size` bytes into about `parts` ranges of whole lines after the header.
 * A range's boundary is moved forward to the next line start, so every row belongs to exactly
 * one range (the one it starts in). Quoted fields with line breaks can cross a boundary, so
 * callers use this only for files without quotes (checked on their first bytes).
 */
export async function planPartitions(
  read: ReadBytes,
  size: number,
  parts: number,
): Promise<{ header: ByteRange; ranges: ByteRange[] }> {
  const headerEnd = await nextLineStart(read, 0, size);
  if (headerEnd === 0) throw new PartitionError('no-header', 'The file is empty.');
  const body = size - headerEnd;
  const cuts = [headerEnd];
  for (let i = 1; i < parts; i++) {
    const target = headerEnd + Math.floor((body * i) / parts);
    const cut = await nextLineStart(read, Math.max(target - 1, cuts[cuts.length - 1]!), size);
    if (cut > cuts[cuts.length - 1]! && cut < size) cuts.push(cut);
  }
  cuts.push(size);
  const ranges: ByteRange[] = [];
  for (let i = 0; i + 1 < cuts.length; i++)
    if (cuts[i + 1]! > cuts[i]!) ranges.push({ start: cuts[i]!, end: cuts[i + 1]! });
  return { header: { start: 0, end: headerEnd }, ranges };
}

/** Line breaks in `bytes`: partition line numbers become file line numbers with these. */
export function countLineBreaks(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
}
