/** Index of the first byte that starts an invalid UTF-8 sequence in `b`, or -1. */
export function firstInvalidUtf8(b: Uint8Array, from = 0): number {
  let i = from;
  while (i < b.length) {
    const c = b[i] ?? 0;
    let need: number;
    if (c < 0x80) need = 0;
    else if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return -1; // truncated at the end: may continue in the next chunk
      if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Counts `\n` bytes in `b` before `end`. */
export function countLfBytes(b: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (b[i] === 10) n++;
  return n;
}
