import type { Column, ColumnarTable } from '../columnar';
import { blockDigest, idFromDigests, ROWS_PER_BLOCK } from '../catalog/content-id';

/**
 * The digests of the hashed blocks that lie wholly inside one part of a table, computed where
 * the part was parsed (each part worker on its own core) once the rows before it are counted.
 */
export interface PartDigests {
  /** The part's first row in the whole table, and its row count. */
  offset: number;
  rows: number;
  /** Per column: the block index of the first digest, then the digests in order. */
  columns: { first: number; digests: Uint8Array[] }[];
}

/** Digests of the full blocks of `part`, whose first row is row `offset` of the whole table. */
export async function partDigests(part: ColumnarTable, offset: number): Promise<PartDigests> {
  const first = Math.ceil(offset / ROWS_PER_BLOCK);
  const end = Math.floor((offset + part.rowCount) / ROWS_PER_BLOCK);
  const text = new Map<Column, (start: number, end: number) => Uint8Array>();
  // A column at a time: each digest holds a copy of its block until it is done, so starting
  // them all at once would hold a second copy of the part.
  const columns: PartDigests['columns'] = [];
  for (const column of part.columns) {
    const digests: Promise<Uint8Array>[] = [];
    for (let block = first; block < end; block++) {
      const start = block * ROWS_PER_BLOCK - offset;
      digests.push(blockDigest(column, start, start + ROWS_PER_BLOCK, text));
    }
    columns.push({ first, digests: await Promise.all(digests) });
  }
  return { offset, rows: part.rowCount, columns };
}

/**
 * The content id of `table` (what `hashTable` gives), taking the digests of blocks its parts
 * computed and digesting only the blocks that straddle two parts. `parts` must be the digests
 * of the very part tables `table` stacks, in order; if they do not tile its rows, undefined
 * (the caller then hashes the table whole).
 */
export function idFromParts(
  table: ColumnarTable,
  parts: readonly PartDigests[],
): Promise<string> | undefined {
  let row = 0;
  for (const part of parts) {
    if (part.offset !== row || part.columns.length !== table.columns.length) return undefined;
    row += part.rows;
  }
  if (row !== table.rowCount) return undefined;
  const text = new Map<Column, (start: number, end: number) => Uint8Array>();
  const blocks: Promise<Uint8Array>[] = [];
  table.columns.forEach((column, j) => {
    const known = new Map<number, Uint8Array>();
    for (const part of parts) {
      const { first, digests } = part.columns[j]!;
      digests.forEach((digest, k) => known.set(first + k, digest));
    }
    for (let start = 0, block = 0; start < table.rowCount; start += ROWS_PER_BLOCK, block++) {
      const digest = known.get(block);
      blocks.push(
        digest
          ? Promise.resolve(digest)
          : blockDigest(column, start, Math.min(table.rowCount, start + ROWS_PER_BLOCK), text),
      );
    }
  });
  return idFromDigests(table, blocks);
}
