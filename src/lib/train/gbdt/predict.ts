import type { Matrix } from '../matrix';
import type { FlatTree } from './tree';

/** Adds one tree's output to `out` for row-major binned rows (validation during training). */
export function predictBinned(
  t: FlatTree,
  bins: Uint8Array,
  features: number,
  missingBin: number,
  out: Float64Array,
): void {
  for (let i = 0; i < out.length; i++) {
    let node = 0;
    while (t.feature[node]! >= 0) {
      const b = bins[i * features + t.feature[node]!]!;
      const left = b === missingBin ? t.missingLeft[node] === 1 : b <= t.bin[node]!;
      node = left ? t.left[node]! : t.right[node]!;
    }
    out[i]! += t.value[node]!;
  }
}

/** Baseline plus every tree's leaf value, on raw rows; NaN follows each node's missing side. */
export function predictTrees(baseline: number, trees: FlatTree[], x: Matrix): Float64Array {
  const out = new Float64Array(x.rows).fill(baseline);
  const p = x.cols;
  const data = x.data;
  for (const t of trees) {
    const { feature, threshold, missingLeft, left, right, value } = t;
    for (let i = 0; i < x.rows; i++) {
      let node = 0;
      while (feature[node]! >= 0) {
        const v = data[i * p + feature[node]!]!;
        node = (v !== v ? missingLeft[node] === 1 : v <= threshold[node]!)
          ? left[node]!
          : right[node]!;
      }
      out[i]! += value[node]!;
    }
  }
  return out;
}
