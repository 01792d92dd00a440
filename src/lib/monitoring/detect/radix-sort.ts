/**
 * Ascending in-place sort of a Float64Array without NaN, about twice as fast as
 * `Float64Array.prototype.sort` on a million values: drift tests on large columns spend most of
 * their time sorting. LSD radix sort on the IEEE-754 bits, four passes of 16 bits. The bits are
 * mapped to an unsigned order (negative: all bits flipped; positive: sign bit flipped), so -0
 * sorts just before +0, as the built-in sort does. A pass is skipped when every value has the
 * same digit (integer-valued data often has all-zero low bits).
 */
const RADIX_MIN = 4096;
const BUCKETS = 1 << 16;
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  // Small arrays: the histogram set-up costs more than it saves. Big-endian: the word order differs.
  if (n < RADIX_MIN || !LITTLE_ENDIAN) return values.sort();
  const counts = new Uint32Array(4 * BUCKETS);
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) {
    const hi0 = words[2 * i + 1]!;
    const flip = hi0 >> 31; // all ones for negative numbers
    const hi = (hi0 ^ (flip | 0x80000000)) >>> 0;
    const lo = (words[2 * i]! ^ flip) >>> 0;
    counts[lo & 0xffff]!++;
    counts[BUCKETS + (lo >>> 16)]!++;
    counts[2 * BUCKETS + (hi & 0xffff)]!++;
    counts[3 * BUCKETS + (hi >>> 16)]!++;
  }
  let src: Float64Array = values;
  let dst: Float64Array = new Float64Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * BUCKETS;
    if (!prefixSums(counts, base, n)) continue;
    const from = new Uint32Array(src.buffer, src.byteOffset, 2 * n);
    const high = pass >= 2;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < n; i++) {
      const hi0 = from[2 * i + 1]!;
      const flip = hi0 >> 31;
      const word = high ? hi0 ^ (flip | 0x80000000) : from[2 * i]! ^ flip;
      dst[counts[base + ((word >>> shift) & 0xffff)]!++] = src[i]!;
    }
    [src, dst] = [dst, src];
  }
  if (src !== values) values.set(src);
  return values;
}

/** Turns one digit's counts into start offsets; false when one bucket holds all n values. */
function prefixSums(counts: Uint32Array, base: number, n: number): boolean {
  let sum = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const c = counts[base + b]!;
    if (c === n) return false;
    counts[base + b] = sum;
    sum += c;
  }
  return true;
}
