import type { FlatTree } from './tree';

/**
 * Gain-based importances: each feature's share of the loss reduction of every split on it, over
 * all trees (LightGBM's `importance_type='gain'`, normalised). sklearn's booster has none;
 * permutation importance is the model-agnostic alternative.
 */
export function featureImportances(trees: FlatTree[], features: number): Float64Array {
  const out = new Float64Array(features);
  for (const t of trees)
    for (let node = 0; node < t.feature.length; node++)
      if (t.feature[node]! >= 0) out[t.feature[node]!]! += t.gain[node]!;
  const total = out.reduce((s, v) => s + v, 0);
  if (total > 0) for (let f = 0; f < features; f++) out[f]! /= total;
  return out;
}
