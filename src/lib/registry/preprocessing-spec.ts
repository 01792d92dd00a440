import { FEATURE_OPS, featureSpecs } from '../features/feature-spec';
import type { ModelState } from '../train/model';
import type { PipelineModelState } from '../train/pipeline-model';

/** A column of the network's input: a feature as it is, or one category of a one-hot feature. */
type DesignColumn =
  | { name: string; feature: string; mean: number; scale: number }
  | { name: string; one_hot_of: string; category: string; mean: number; scale: number };

const STEPS = [
  '1. Read each row\'s `inputs` (datetimes as text such as "2016-03-14 17:24:55").',
  '2. Compute `features` in order, each with its `op` (see `ops`); later features may use earlier ones.',
  '3. Build the design row, one value per `design` column: the feature itself, or for a one-hot column 1 when the feature, written as text (3, not 3.0), equals `category`, else 0 (a category not seen in training gives all zeros).',
  '4. Standardise each design value: (x − mean) / scale.',
  '5. If `model_scaler` is not null, standardise again with its `mean` and `scale` arrays (same order).',
  '6. Feed the row to the network (model.json + weights.bin, tf.loadLayersModel) and take its one output.',
  "7. Undo the target's transform: `target.inverse` (expm1 for log1p, nothing for none).",
];

/** The design columns of a fitted pipeline, each with the scaler's mean and scale for it. */
function designColumns(pipeline: PipelineModelState): DesignColumn[] {
  const { scaler, encoders, columns } = pipeline;
  const plain = [...columns.scale, ...columns.passthrough];
  const oneHot = encoders.flatMap((e) => e.categories.map((category) => ({ e, category })));
  return pipeline.design.map((name, j) => {
    const fit = { mean: scaler.mean[j]!, scale: scaler.scale[j]! };
    if (j < plain.length) return { name, feature: plain[j]!, ...fit };
    const { e, category } = oneHot[j - plain.length]!;
    return { name, one_hot_of: e.column, category, ...fit };
  });
}

/**
 * `preprocessing.json` of a TF.js export: the whole way from raw inputs to the network's input
 * and back to the target, as data (every feature's formula with its fitted values, the design,
 * both scalers), so the model is usable without the Labbook's code. The keys of version 1
 * (`recipe`, `columns`, `pipeline_scaler`, `encoders`) are kept for readers of older exports.
 */
export function preprocessingSpec(pipeline: PipelineModelState | null, model: ModelState) {
  const target = pipeline?.target ?? { name: model.target, transform: 'none' as const };
  const features = pipeline
    ? featureSpecs(pipeline.recipe)
    : model.features.map((f) => ({ name: f, op: 'input' as const, input: f }));
  const design: DesignColumn[] = pipeline
    ? designColumns(pipeline)
    : model.features.map((f) => ({ name: f, feature: f, mean: 0, scale: 1 }));
  return {
    format: 'mlops-labbook-preprocessing',
    version: 2,
    description:
      'How to turn raw inputs into the network input and its output into a prediction, with every fitted value. Apply `steps` in order.',
    steps: STEPS,
    inputs: pipeline?.inputs ?? model.features.map((f) => ({ name: f, type: 'double' })),
    features,
    ops: Object.fromEntries(
      [...new Set(features.map((f) => f.op))].map((op) => [op, FEATURE_OPS[op]]),
    ),
    design,
    model_scaler: model.mlp?.scaler ?? model.scaler,
    target: { ...target, inverse: target.transform === 'log1p' ? 'expm1' : 'none' },
    recipe: pipeline?.recipe ?? null,
    columns: pipeline ? { ...pipeline.columns, design: pipeline.design } : null,
    pipeline_scaler: pipeline?.scaler ?? null,
    encoders: pipeline?.encoders ?? [],
  };
}
