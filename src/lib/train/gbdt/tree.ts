/**
 * One fitted tree as flat arrays, node 0 the root (the saved format; see README.md). A leaf has
 * feature −1. An inner node sends a row left when its value is ≤ threshold (binned: its bin ≤
 * bin), or when the value is missing and missingLeft is 1.
 */
export interface FlatTree {
  feature: Int32Array;
  /** The raw threshold; +Infinity when the split separates only the missing values. */
  threshold: Float64Array;
  bin: Uint8Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** A leaf's contribution (learning rate applied); 0 for inner nodes. */
  value: Float64Array;
  /** An inner node's loss reduction, for feature importances; 0 for leaves. */
  gain: Float64Array;
  /** Training rows that reached the node. */
  count: Uint32Array;
}

export function allocTree(nodes: number): FlatTree {
  return {
    feature: new Int32Array(nodes).fill(-1),
    threshold: new Float64Array(nodes),
    bin: new Uint8Array(nodes),
    missingLeft: new Uint8Array(nodes),
    left: new Int32Array(nodes).fill(-1),
    right: new Int32Array(nodes).fill(-1),
    value: new Float64Array(nodes),
    gain: new Float64Array(nodes),
    count: new Uint32Array(nodes),
  };
}

/** The tree cut down to its first `nodes` nodes (growing allocates for the most it could use). */
export function trimTree(t: FlatTree, nodes: number): FlatTree {
  return {
    feature: t.feature.slice(0, nodes),
    threshold: t.threshold.slice(0, nodes),
    bin: t.bin.slice(0, nodes),
    missingLeft: t.missingLeft.slice(0, nodes),
    left: t.left.slice(0, nodes),
    right: t.right.slice(0, nodes),
    value: t.value.slice(0, nodes),
    gain: t.gain.slice(0, nodes),
    count: t.count.slice(0, nodes),
  };
}
