import {
  subtractHistogram,
  type BinnedRows,
  type Histogram,
  type HistogramBuilder,
} from './histogram';
import { splitTable } from './partition';
import { findBestSplit, nodeValue, type SplitInfo, type SplitSettings } from './split';
import { allocTree, trimTree, type FlatTree } from './tree';

/** Everything one fit shares across its trees; the buffers are reused, never reallocated. */
export interface GrowContext {
  data: BinnedRows;
  settings: SplitSettings;
  /** Per feature, the bin thresholds (to turn a split bin into a raw threshold). */
  thresholds: Float64Array[];
  missingBin: number;
  maxLeafNodes: number | null;
  maxDepth: number | null;
  shrinkage: number;
  /** This round's gradient per training row. */
  grads: Float32Array;
  /** Row indices, grouped by node: each node owns partition[start, stop). */
  partition: Uint32Array;
  /** Builds node histograms and partitions node rows: here or on a pool of threads. */
  histograms: HistogramBuilder;
  /** Histogram buffers free for reuse. */
  pool: Float64Array[];
}

interface Node {
  id: number;
  start: number;
  stop: number;
  depth: number;
  grad: number;
  count: number;
  value: number;
  hist: Histogram | null;
  split: SplitInfo | null;
}

/** A grown tree and its leaves' row ranges in the partition (to update training predictions). */
export interface GrownTree {
  tree: FlatTree;
  leaves: { start: number; stop: number; value: number }[];
}

const leafLoss = (g: number, h: number, l2: number) => g * nodeValue(g, h, l2);

function maxNodes(ctx: GrowContext): number {
  const n = ctx.data.rows;
  let leaves = Math.max(1, Math.floor(n / ctx.settings.minSamplesLeaf));
  if (ctx.maxLeafNodes !== null) leaves = Math.min(leaves, ctx.maxLeafNodes);
  if (ctx.maxDepth !== null && ctx.maxDepth < 30) leaves = Math.min(leaves, 2 ** ctx.maxDepth);
  return 2 * leaves - 1;
}

function histogramOf(ctx: GrowContext, node: Node): Histogram {
  const size = ctx.data.features * ctx.data.stride * 2;
  const sums = ctx.pool.pop()?.fill(0) ?? new Float64Array(size);
  ctx.histograms.build(node.start, node.stop, sums);
  return { sums };
}

/** A histogram no node needs any more goes back to the pool. */
function release(ctx: GrowContext, node: Node): void {
  if (node.hist) ctx.pool.push(node.hist.sums);
  node.hist = null;
}

/** Per bin, 1 when the split sends it left: one table per split, reused. */
const goesLeft = new Uint8Array(256);

/**
 * Grows one tree leaf-wise, as sklearn's TreeGrower: always split the open node whose best split
 * gains most, until max_leaf_nodes leaves, max_depth, or no valid split is left. Rows must be the
 * identity partition on entry.
 */
export function growTree(ctx: GrowContext): GrownTree {
  const tree = allocTree(maxNodes(ctx));
  const { l2, minSamplesLeaf } = ctx.settings;
  let nodes = 1;
  const leaves: Node[] = [];
  const open: Node[] = [];
  const n = ctx.data.rows;
  let rootGrad = 0;
  for (let i = 0; i < n; i++) rootGrad += ctx.grads[i]!;
  const root: Node = {
    id: 0,
    start: 0,
    stop: n,
    depth: 0,
    grad: rootGrad,
    count: n,
    value: 0,
    hist: null,
    split: null,
  };
  const evaluate = (node: Node) => {
    node.split = findBestSplit(node.hist!, node.count, node.grad, node.value, ctx.settings);
    if (node.split) open.push(node);
    else {
      release(ctx, node);
      leaves.push(node);
    }
  };
  if (n < 2 * minSamplesLeaf) leaves.push(root);
  else {
    root.hist = histogramOf(ctx, root);
    evaluate(root);
  }
  while (open.length > 0) {
    let at = 0;
    for (let k = 1; k < open.length; k++) if (open[k]!.split!.gain > open[at]!.split!.gain) at = k;
    const node = open.splice(at, 1)[0]!;
    const s = node.split!;
    splitTable(goesLeft, s.bin, ctx.missingBin, s.missingLeft);
    const mid = ctx.histograms.partition(node.start, node.stop, s.feature, goesLeft);
    const child = (start: number, stop: number, grad: number, count: number): Node => ({
      id: nodes++,
      start,
      stop,
      depth: node.depth + 1,
      grad,
      count,
      value: nodeValue(grad, count, l2),
      hist: null,
      split: null,
    });
    const left = child(node.start, mid, s.gradLeft, s.countLeft);
    const right = child(mid, node.stop, s.gradRight, s.countRight);
    const t = tree;
    t.feature[node.id] = s.feature;
    t.bin[node.id] = s.bin;
    const th = ctx.thresholds[s.feature]!;
    t.threshold[node.id] = s.bin < th.length ? th[s.bin]! : Infinity;
    // A feature without missing training values sends them where most rows went (as sklearn).
    t.missingLeft[node.id] = ctx.settings.hasMissing[s.feature]
      ? +s.missingLeft
      : +(left.count > right.count);
    t.left[node.id] = left.id;
    t.right[node.id] = right.id;
    t.gain[node.id] =
      leafLoss(node.grad, node.count, l2) -
      leafLoss(left.grad, left.count, l2) -
      leafLoss(right.grad, right.count, l2);
    const leafCount = leaves.length + open.length + 2;
    if (
      (ctx.maxLeafNodes !== null && leafCount === ctx.maxLeafNodes) ||
      (ctx.maxDepth !== null && left.depth === ctx.maxDepth)
    ) {
      release(ctx, node);
      leaves.push(left, right);
      if (ctx.maxLeafNodes !== null && leafCount === ctx.maxLeafNodes)
        for (const rest of open.splice(0)) {
          release(ctx, rest);
          leaves.push(rest);
        }
      continue;
    }
    const splitLeft = left.count >= 2 * minSamplesLeaf;
    const splitRight = right.count >= 2 * minSamplesLeaf;
    if (!splitLeft) leaves.push(left);
    if (!splitRight) leaves.push(right);
    if (splitLeft || splitRight) {
      const [small, large] = left.count < right.count ? [left, right] : [right, left];
      small.hist = histogramOf(ctx, small);
      large.hist = subtractHistogram(node.hist!, small.hist);
      // An open child keeps its histogram: its own children are subtracted from it.
      node.hist = null; // now the larger child's
      if (splitLeft) evaluate(left);
      else release(ctx, left);
      if (splitRight) evaluate(right);
      else release(ctx, right);
    } else release(ctx, node);
  }
  for (const leaf of leaves) {
    tree.value[leaf.id] = leaf.value * ctx.shrinkage;
    tree.count[leaf.id] = leaf.count;
  }
  // Inner nodes' counts, for the saved model's readers.
  for (let id = nodes - 1; id >= 0; id--)
    if (tree.feature[id]! >= 0)
      tree.count[id] = tree.count[tree.left[id]!]! + tree.count[tree.right[id]!]!;
  return {
    tree: trimTree(tree, nodes),
    leaves: leaves.map((l) => ({ start: l.start, stop: l.stop, value: l.value * ctx.shrinkage })),
  };
}
