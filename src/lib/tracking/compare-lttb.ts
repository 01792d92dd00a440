/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): the indices of at most `threshold` points
 * of a line that keep its visual shape. The first and last points always stay; from each bucket
 * between, the point making the largest triangle with the kept point before it and the average
 * of the next bucket. `xs` must be ascending. Returns every index when the line is short enough.
 */
export function lttbIndices(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  threshold: number,
): Uint32Array {
  const n = xs.length;
  const keep = Math.max(2, Math.floor(threshold));
  if (n <= keep) return Uint32Array.from({ length: n }, (_, i) => i);
  const out = new Uint32Array(keep);
  const size = (n - 2) / (keep - 2);
  let a = 0;
  for (let b = 0; b < keep - 2; b++) {
    // The next bucket's average is the triangle's third corner.
    const nextStart = Math.floor((b + 1) * size) + 1;
    const nextEnd = Math.min(n, Math.floor((b + 2) * size) + 1);
    let ax = 0;
    let ay = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      ax += xs[i]!;
      ay += ys[i]!;
    }
    const count = Math.max(1, nextEnd - nextStart);
    ax /= count;
    ay /= count;
    const start = Math.floor(b * size) + 1;
    const end = Math.floor((b + 1) * size) + 1;
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((xs[a]! - ax) * (ys[i]! - ys[a]!) - (xs[a]! - xs[i]!) * (ay - ys[a]!));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    out[b + 1] = best;
    a = best;
  }
  out[keep - 1] = n - 1;
  return out;
}
