import type { Histogram } from './histogram';

/** The best split of a node, as sklearn's SplitInfo: left is bins ≤ `bin`, plus NaN if `missingLeft`. */
export interface SplitInfo {
  /** sklearn's gain (ranks nodes for leaf-wise growth). */
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
  gradLeft: number;
  countLeft: number;
  gradRight: number;
  countRight: number;
}

export interface SplitSettings {
  l2: number;
  minSamplesLeaf: number;
  stride: number;
  /** Per feature: bins that hold values; and whether training rows had missing values. */
  nonMissing: Uint16Array;
  hasMissing: Uint8Array;
}

/** A node's value: the Newton step −G / (H + λ), with sklearn's epsilon against 0 / 0. */
export const nodeValue = (grad: number, hess: number, l2: number) => -grad / (hess + l2 + 1e-15);

/**
 * The split with the highest gain over every feature and bin, or null when none is valid
 * (each side keeps min_samples_leaf rows and the gain is positive). `value` is the node's own
 * value: sklearn computes the parent's loss from it (0 at the root), and so do we, so nodes rank
 * the same. Ties keep the first feature and the lowest bin, as sklearn's strict `>` does.
 */
export function findBestSplit(
  h: Histogram,
  count: number,
  grad: number,
  value: number,
  s: SplitSettings,
): SplitInfo | null {
  const lossParent = grad * value;
  let best: SplitInfo | null = null;
  let bestGain = 0;
  const consider = (
    gain: number,
    feature: number,
    bin: number,
    missingLeft: boolean,
    gl: number,
    cl: number,
  ) => {
    if (!(gain > bestGain)) return;
    bestGain = gain;
    best = {
      gain,
      feature,
      bin,
      missingLeft,
      gradLeft: gl,
      countLeft: cl,
      gradRight: grad - gl,
      countRight: count - cl,
    };
  };
  const gainOf = (gl: number, cl: number) => {
    const gr = grad - gl;
    const cr = count - cl;
    return lossParent - gl * nodeValue(gl, cl, s.l2) - gr * nodeValue(gr, cr, s.l2);
  };
  for (let f = 0; f < s.nonMissing.length; f++) {
    const at = f * s.stride;
    const missing = s.hasMissing[f]!;
    // Missing values go right: the last candidate (when there are any) sends only them right.
    const end = s.nonMissing[f]! - 1 + missing;
    let gl = 0;
    let cl = 0;
    for (let b = 0; b < end; b++) {
      gl += h.sums[(at + b) << 1]!;
      cl += h.sums[((at + b) << 1) + 1]!;
      if (cl < s.minSamplesLeaf) continue;
      if (count - cl < s.minSamplesLeaf) break;
      consider(gainOf(gl, cl), f, b, false, gl, cl);
    }
    if (!missing) continue;
    // Missing values go left: scan from the right.
    let gr = 0;
    let cr = 0;
    for (let b = s.nonMissing[f]! - 2; b >= 0; b--) {
      gr += h.sums[(at + b + 1) << 1]!;
      cr += h.sums[((at + b + 1) << 1) + 1]!;
      if (cr < s.minSamplesLeaf) continue;
      if (count - cr < s.minSamplesLeaf) break;
      consider(gainOf(grad - gr, count - cr), f, b, true, grad - gr, count - cr);
    }
  }
  return best;
}
