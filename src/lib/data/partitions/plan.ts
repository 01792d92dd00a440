/** A byte range of a CSV file that starts at the beginning of a line. */
export interface ByteRange {
  start: number;
  end: number;
}

import { CsvTokenizer } from '../csv/tokenizer';
import { LabbookError } from '../../errors';

const LF = 0x0a;

/** Reads `length` bytes at `offset` (a Blob slice in a worker, a Buffer in tests). */
export type ReadBytes = (offset: number, length: number) => Promise<Uint8Array>;

export class PartitionError extends LabbookError<
  | 'line-too-long'
  | 'no-header'
  | 'unknown-column'
  | 'not-numeric'
  | 'cannot-combine'
  | 'cannot-stack'
> {
  override name = 'PartitionError';
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

/** Offset just past the header row: its first line break outside quotes. */
async function headerEndAt(read: ReadBytes, size: number, delimiter?: string): Promise<number> {
  const tokenizer = new CsvTokenizer(() => undefined, delimiter);
  const decoder = new TextDecoder();
  let start = 0;
  let end = await nextLineStart(read, 0, size);
  for (;;) {
    tokenizer.push(decoder.decode(await read(start, end - start), { stream: true }));
    if (tokenizer.openQuoteLine === null || end >= size) return end;
    start = end;
    end = await nextLineStart(read, end, size);
  }
}

/**
 * Splits a CSV file of `size` bytes into about `parts` ranges of whole lines after the header.
 * A range's boundary is moved forward to the next line start, so every line belongs to exactly
 * one range. A cut can still fall inside a quoted field with line breaks: the part before it
 * then reads on to the row's end and the part after it is parsed again (see `stitchParts`).
 */
export async function planPartitions(
  read: ReadBytes,
  size: number,
  parts: number,
  delimiter?: string,
): Promise<{ header: ByteRange; ranges: ByteRange[] }> {
  const headerEnd = await headerEndAt(read, size, delimiter);
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
