import type { Frame, InputColumn } from '../features/frame';
import { recipes, type RecipeState } from '../features/recipes';
import { matrix, type Matrix } from './matrix';
import { fitModel, predictModel, type LinearKind, type ModelState } from './model';
import {
  applyOneHot,
  applyScaler,
  fitOneHot,
  fitScaler,
  oneHotNames,
  type OneHotState,
  type ScalerState,
} from './preprocess';
import { TrainError } from './errors';

export type TargetTransform = 'none' | 'log1p';

/** Which features enter the model and how: standardised, as they are, or one-hot encoded. */
export interface ColumnPlan {
  scale: string[];
  passthrough: string[];
  onehot: string[];
}

/**
 * A whole fitted pipeline as JSON: raw inputs → recipe features → scaling and one-hot → a linear
 * model → the target's inverse transform. Saved as the run's model, so serving applies exactly
 * what training fitted.
 */
export interface PipelineModelState {
  format: 'mlops-labbook-pipeline';
  version: 1;
  inputs: InputColumn[];
  recipe: RecipeState;
  columns: ColumnPlan;
  /** Standardises the `scale` columns; every other column has mean 0 and scale 1. */
  scaler: ScalerState;
  encoders: OneHotState[];
  /** Names of the model's input columns, after one-hot encoding. */
  design: string[];
  model: ModelState;
  target: { name: string; transform: TargetTransform };
}

export const forward = (t: TargetTransform) => (t === 'log1p' ? Math.log1p : (v: number) => v);
export const inverse = (t: TargetTransform) => (t === 'log1p' ? Math.expm1 : (v: number) => v);

/** The design matrix: scale and passthrough columns as they are, then one-hot blocks. */
export function designMatrix(
  features: Record<string, Float64Array>,
  plan: ColumnPlan,
  encoders: OneHotState[],
): Matrix {
  const plain = [...plan.scale, ...plan.passthrough].map((name) => {
    const col = features[name];
    if (!col)
      throw new TrainError(
        'unknown-feature',
        `No feature "${name}" (there are: ${Object.keys(features).join(', ')}).`,
      );
    return col;
  });
  const blocks = encoders.map((e) => applyOneHot(e, Array.from(features[e.column]!)));
  // Every feature has one value per row, used or not (a mean baseline uses none).
  const rows = Object.values(features)[0]?.length ?? 0;
  const cols = plain.length + blocks.reduce((s, b) => s + b.cols, 0);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let j = 0;
    for (const col of plain) out[i * cols + j++] = col[i]!;
    for (const b of blocks)
      for (let k = 0; k < b.cols; k++) out[i * cols + j++] = b.data[i * b.cols + k]!;
  }
  return matrix(rows, cols, out);
}

/** A scaler that standardises the first `scaled` columns and leaves the rest untouched. */
export function fitLeadingScaler(x: Matrix, scaled: number): ScalerState {
  const full = fitScaler(x);
  return {
    ...full,
    mean: full.mean.map((m, j) => (j < scaled ? m : 0)),
    scale: full.scale.map((s, j) => (j < scaled ? s : 1)),
  };
}

export interface FitPipelineSpec {
  recipe: RecipeState;
  columns: ColumnPlan;
  target: { name: string; transform: TargetTransform };
  model: { kind: LinearKind; alpha?: number };
}

/** The fitted column plan: encoders, scaler, and the scaled design matrix of the training rows. */
export interface PreparedDesign {
  encoders: OneHotState[];
  scaler: ScalerState;
  design: string[];
  x: Matrix;
}

/** Fits one-hot encoders and the scaler on training features (already cleaned). */
export function prepareDesign(
  features: Record<string, Float64Array>,
  columns: ColumnPlan,
): PreparedDesign {
  const encoders = columns.onehot.map((c) => {
    const col = features[c];
    if (!col) throw new TrainError('unknown-feature', `No feature "${c}" to one-hot encode.`);
    return fitOneHot(c, Array.from(col));
  });
  const raw = designMatrix(features, columns, encoders);
  const scaler = fitLeadingScaler(raw, columns.scale.length);
  const design = [...columns.scale, ...columns.passthrough, ...encoders.flatMap(oneHotNames)];
  return { encoders, scaler, design, x: applyScaler(scaler, raw) };
}

/** A fitted pipeline from its prepared design and a model fitted on that design. */
export function assemblePipeline(
  spec: Omit<FitPipelineSpec, 'model'>,
  prepared: PreparedDesign,
  model: ModelState,
): PipelineModelState {
  return {
    format: 'mlops-labbook-pipeline',
    version: 1,
    inputs: recipes[spec.recipe.kind].inputs(spec.recipe),
    recipe: spec.recipe,
    columns: spec.columns,
    scaler: prepared.scaler,
    encoders: prepared.encoders,
    design: prepared.design,
    model,
    target: spec.target,
  };
}

/** Fits the column plan and a linear model on training features (already cleaned). */
export function fitPipelineModel(
  features: Record<string, Float64Array>,
  y: Float64Array,
  spec: FitPipelineSpec,
): PipelineModelState {
  const prepared = prepareDesign(features, spec.columns);
  const model = fitModel(spec.model.kind, prepared.x, y, {
    features: prepared.design,
    target: spec.target.name,
    ...(spec.model.alpha === undefined ? {} : { alpha: spec.model.alpha }),
    scale: false,
  });
  return assemblePipeline(spec, prepared, model);
}

/** Predictions on the model's (transformed) target scale, from recipe features. */
export function predictTransformed(
  state: PipelineModelState,
  features: Record<string, Float64Array>,
): Float64Array {
  const x = designMatrix(features, state.columns, state.encoders);
  return predictModel(state.model, applyScaler(state.scaler, x));
}

/** Predictions in the target's own units, from raw input columns. */
export function predictPipeline(state: PipelineModelState, frame: Frame): Float64Array {
  const features = recipes[state.recipe.kind].apply(frame, state.recipe);
  return predictTransformed(state, features).map(inverse(state.target.transform));
}

export function isPipelineModel(json: unknown): json is PipelineModelState {
  return (json as { format?: unknown } | null)?.format === 'mlops-labbook-pipeline';
}
