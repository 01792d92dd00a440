import { valueAt, type Column, type ColumnarTable } from '../columnar';
import { textBlocks } from './text-blocks';

export const TRANSFORM_KINDS = [
  'shipped',
  'import',
  'filter',
  'split',
  'features',
  'derive',
  'scenario',
  'predictions',
] as const;

/** What made a data version (the DVC stage, in DVC's words). */
export interface VersionTransform {
  kind: (typeof TRANSFORM_KINDS)[number];
  description: string;
  params?: Record<string, unknown>;
}

export interface DataVersion {
  id: string;
  name: string;
  rowCount: number;
  schema: { name: string; type: string }[];
  parents: string[];
  transform: VersionTransform;
  createdAt: number;
}

/** Rows per hashed block; blocks start at multiples of it from the table's first row. */
export const ROWS_PER_BLOCK = 65_536;

/**
 * The type a column's header hashes as. A category is a storage choice for text, not other
 * content: a table loaded, turned into an arquero table (whose text columns come back as
 * strings) and saved is the same version. (Before data schema 5 the header said "category";
 * legacy-id.ts finds versions stored under such ids.)
 */
function hashedType(column: { type: string }): string {
  return column.type === 'category' ? 'string' : column.type;
}

/**
 * The raw float bits of `values`, with NaN payloads and -0 (which vary) canonicalised. A block
 * without either is hashed in place: no copy of a 100 MB column beside the one digest makes.
 */
function floatBlock(values: Float64Array): Uint8Array {
  let plain = true;
  for (let i = 0; i < values.length && plain; i++) {
    const v = values[i]!;
    plain = v === v && (v !== 0 || 1 / v > 0);
  }
  if (plain) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const copy = values.slice();
  for (let i = 0; i < copy.length; i++) {
    const v = copy[i]!;
    if (Number.isNaN(v)) copy[i] = NaN;
    else if (v === 0) copy[i] = 0;
  }
  return new Uint8Array(copy.buffer);
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/**
 * The bytes digested for rows [start, end) of `column` (one block). Values are hashed as
 * decoded (a category hashes like its string); `text` keeps a text column's block builder
 * between calls (see `textBlocks`).
 */
export function blockBytes(
  column: Column,
  start: number,
  end: number,
  text: Map<Column, (start: number, end: number) => Uint8Array>,
): Uint8Array {
  if (column.type === 'float' || column.type === 'integer' || column.type === 'datetime')
    return floatBlock(column.values.subarray(start, end));
  if (column.type === 'string' || column.type === 'category') {
    // Length-prefixed text, so no value can imitate a separator; "-" marks a missing value.
    let block = text.get(column);
    if (!block) text.set(column, (block = textBlocks(column)));
    return block(start, end);
  }
  // Booleans hash as their text, the same length-prefixed way.
  const parts: string[] = [];
  for (let i = start; i < end; i++) {
    const v = valueAt(column, i);
    const s = v === null ? '' : String(v);
    parts.push(v === null ? '-' : `${s.length}:${s}`);
  }
  return new TextEncoder().encode(parts.join(''));
}

/** The digest of one block (started at once; browsers compute it off the JS thread). */
export function blockDigest(
  column: Column,
  start: number,
  end: number,
  text: Map<Column, (start: number, end: number) => Uint8Array>,
): Promise<Uint8Array> {
  return sha256(blockBytes(column, start, end, text));
}

/**
 * The id from the block digests, column by column in row order: SHA-256 over the schema's digest
 * and theirs.
 */
export async function idFromDigests(
  table: ColumnarTable,
  blocks: readonly Promise<Uint8Array>[],
  headerType: (column: { name: string; type: string }) => string = hashedType,
): Promise<string> {
  const header = table.columns.map((c) => [c.name, headerType(c), table.rowCount]);
  const done = await Promise.all([
    sha256(new TextEncoder().encode(JSON.stringify(header))),
    ...blocks,
  ]);
  const all = new Uint8Array(done.length * 32);
  done.forEach((d, i) => all.set(d, i * 32));
  const hex = Array.from(await sha256(all), (b) => b.toString(16).padStart(2, '0')).join('');
  return `v-${hex.slice(0, 12)}`;
}

/**
 * A content hash of a table: SHA-256 over the schema and one digest per block of rows per
 * column (blocks keep each WebCrypto call small; their digests are computed in parallel).
 * Values are hashed as decoded (a category hashes like its string), so the id does not depend
 * on dictionary order or on whether text is stored as a category; missing values hash as one
 * marker.
 */
export async function hashTable(
  table: ColumnarTable,
  headerType: (column: { name: string; type: string }) => string = hashedType,
): Promise<string> {
  // Digests are started without waiting on each: browsers compute them off the JS thread, in
  // parallel, while the next block is prepared here.
  const text = new Map<Column, (start: number, end: number) => Uint8Array>();
  const digests: Promise<Uint8Array>[] = [];
  for (const column of table.columns)
    for (let start = 0; start < table.rowCount; start += ROWS_PER_BLOCK)
      digests.push(
        blockDigest(column, start, Math.min(table.rowCount, start + ROWS_PER_BLOCK), text),
      );
  return idFromDigests(table, digests, headerType);
}

/** A version of `table`; `id` is its content id when computed already (else it is hashed). */
export async function createVersion(
  table: ColumnarTable,
  meta: { name: string; parents: string[]; transform: VersionTransform; createdAt?: number },
  id: Promise<string> = hashTable(table),
): Promise<DataVersion> {
  return {
    id: await id,
    name: meta.name,
    rowCount: table.rowCount,
    schema: table.columns.map((c) => ({ name: c.name, type: c.type })),
    parents: meta.parents,
    transform: meta.transform,
    createdAt: meta.createdAt ?? Date.now(),
  };
}
