/**
 * A short content hash (FNV-1a, 32 bits, hex): enough to tell that a lesson's starter code or a
 * pack file changed, not a security measure.
 */
export function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The version of a lesson cell's starter code that a student's edit was based on, stored with the
 * edit: when the lesson's starter later differs, the cell can say so and offer the new one.
 */
export function starterHash(source: string): string {
  return fnv1a(new TextEncoder().encode(source));
}
