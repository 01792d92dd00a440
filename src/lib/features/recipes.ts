import { numeric, type Frame, type InputColumn } from './frame';
import {
  fitTaxiFeatures,
  TAXI_FEATURES,
  TAXI_RAW_INPUTS,
  taxiFeatures,
  type TaxiFeatureOptions,
  type TaxiFeatureState,
} from './taxi';

/**
 * Feature recipes by name, as a pipeline config names them. `columns` passes numeric columns
 * through unchanged (the diabetes case); `taxi` derives the course notebook's features.
 */
export type RecipeState = { kind: 'columns'; columns: string[] } | TaxiFeatureState;
export type RecipeName = RecipeState['kind'];
export const RECIPES: readonly RecipeName[] = ['columns', 'taxi'];

export interface Recipe {
  /** The raw columns a request must carry. */
  inputs(state: RecipeState): InputColumn[];
  /** Every feature the recipe can produce. */
  features(state: RecipeState): readonly string[];
  fit(frame: Frame, columns: string[], options: TaxiFeatureOptions): RecipeState;
  apply(frame: Frame, state: RecipeState): Record<string, Float64Array>;
}

export const recipes: Record<RecipeName, Recipe> = {
  columns: {
    inputs: (s) => (s as { columns: string[] }).columns.map((name) => ({ name, type: 'double' })),
    features: (s) => (s as { columns: string[] }).columns,
    fit: (frame, columns) => {
      columns.forEach((c) => numeric(frame, c));
      return { kind: 'columns', columns };
    },
    apply: (frame, s) =>
      Object.fromEntries(
        (s as { columns: string[] }).columns.map((c) => [c, Float64Array.from(numeric(frame, c))]),
      ),
  },
  taxi: {
    inputs: () => TAXI_RAW_INPUTS.map((c) => ({ ...c })),
    features: () => TAXI_FEATURES,
    fit: (frame, _columns, options) => fitTaxiFeatures(frame, options),
    apply: (frame, s) => taxiFeatures(frame, s as TaxiFeatureState),
  },
};
