import type { BinnedRows } from './histogram';

/** Fills `table` (one entry per bin) with 1 where a split sends the bin left, else 0. */
export function splitTable(
  table: Uint8Array,
  bin: number,
  missingBin: number,
  missingLeft: boolean,
): Uint8Array {
  for (let b = 0; b < table.length; b++) table[b] = b <= bin ? 1 : 0;
  table[missingBin] = missingLeft ? 1 : 0;
  return table;
}

/**
 * Splits the rows partition[a, b) by `feature` and `table`: left rows to partition[a …] and right
 * rows to scratch[a …], each in their order; returns how many went left. Branch-free: each row is
 * stored to both sides and only its side advances, since a row's side is a coin flip to the
 * branch predictor and a mispredicted branch per row cost more than the extra store.
 */
export function partitionChunk(
  data: BinnedRows,
  feature: number,
  table: Uint8Array,
  partition: Uint32Array,
  scratch: Uint32Array,
  a: number,
  b: number,
): number {
  const { bins, features } = data;
  let l = a;
  let r = a;
  // l never passes k, so partition[l] holds a row already read.
  for (let k = a; k < b; k++) {
    const i = partition[k]!;
    const left = table[bins[i * features + feature]!]!;
    partition[l] = i;
    scratch[r] = i;
    l += left;
    r += 1 - left;
  }
  return l - a;
}

/** Stable partition of partition[start, stop) in this thread: left rows, then right; the first right. */
export function partitionRows(
  data: BinnedRows,
  feature: number,
  table: Uint8Array,
  partition: Uint32Array,
  scratch: Uint32Array,
  start: number,
  stop: number,
): number {
  const mid = start + partitionChunk(data, feature, table, partition, scratch, start, stop);
  partition.set(scratch.subarray(start, start + stop - mid), mid);
  return mid;
}
