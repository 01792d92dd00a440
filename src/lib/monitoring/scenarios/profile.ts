import type { ColumnarTable } from '../../data/columnar/types';
import type { ScenarioDataset } from './options';

/** How a drift scenario changes one dataset; see README.md for adding a dataset. */
export interface ScenarioEffect {
  /** Columns the scenario moves directly (correlated columns may follow; see description). */
  driftedColumns: string[];
  description: string;
}

export interface ShiftEffect extends ScenarioEffect {
  /** Resampling weight per source row: the shifted population is the source reweighted. */
  weights(source: ColumnarTable): Float64Array;
}

export interface ConceptEffect extends ScenarioEffect {
  /**
   * Changes the target of the drawn rows in place (features untouched): row i by `intensity[i]`.
   * `source` is the table the rows were drawn from (to fit the old relation on).
   */
  apply(table: ColumnarTable, intensity: Float64Array, source: ColumnarTable): void;
}

export interface DatasetProfile {
  dataset: ScenarioDataset;
  target: string;
  /** Columns whose presence identifies the dataset. */
  signature: string[];
  covariate: ShiftEffect;
  label: ShiftEffect;
  concept: ConceptEffect;
}

/** exp(Σ β·z) importance weights, capped so a few extreme rows cannot take over the sample. */
export function tiltWeights(
  terms: [z: Float64Array, beta: number][],
  n: number,
  cap = 50,
): Float64Array {
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const [z, beta] of terms) s += beta * z[i]!;
    weights[i] = Math.min(Math.exp(s), cap);
  }
  return weights;
}
