import { strToU8, zipSync } from 'fflate';
import type { DenseLayer } from '../train/mlp';
import type { ModelState } from '../train/model';
import type { PipelineModelState } from '../train/pipeline-model';
import { isPipelineModel } from '../train/pipeline-model';
import { RegistryError } from './errors';
import { preprocessingSpec } from './preprocessing-spec';

/** The network part of a model as dense layers: an MLP's own, or one layer for a linear model. */
function denseLayers(model: ModelState): DenseLayer[] {
  if (model.mlp) return model.mlp.layers;
  const n = model.features.length;
  return [
    { kernel: [...model.coef], bias: [model.intercept], inputs: n, units: 1, activation: 'linear' },
  ];
}

const initializer = { class_name: 'Zeros', config: {} };

/**
 * TensorFlow.js Layers format (`model.json` + `weights.bin`, what `tf.loadLayersModel` reads),
 * built from the stored weights without TensorFlow.js. The network expects preprocessed inputs;
 * `preprocessing.json` says exactly how to make them from raw inputs, as training fitted it
 * (preprocessing-spec.ts).
 */
export function tfjsLayersFiles(
  json: unknown,
  name: string,
): { 'model.json': string; 'weights.bin': Uint8Array; 'preprocessing.json': string } {
  const pipeline: PipelineModelState | null = isPipelineModel(json) ? json : null;
  const model = pipeline ? pipeline.model : (json as ModelState);
  if (model?.format !== 'mlops-labbook-model')
    throw new RegistryError('no-model-artifact', `${name} is not a model this Labbook can export.`);
  // Trees are no network: a Layers file of them would be an empty linear layer, silently wrong.
  if (model.gbdt)
    throw new RegistryError(
      'no-model-artifact',
      `${name} is boosted trees, which TensorFlow.js Layers cannot hold. Download its run's model/model.json (the trees in the mlops-labbook-gbdt format, src/lib/train/gbdt/README.md) or export the run as a Python project (lab.export.python), which fits HistGradientBoostingRegressor.`,
    );
  const layers = denseLayers(model);
  const weights = new Float32Array(layers.reduce((s, l) => s + l.kernel.length + l.bias.length, 0));
  let at = 0;
  for (const l of layers) {
    weights.set(l.kernel, at);
    weights.set(l.bias, (at += l.kernel.length));
    at += l.bias.length;
  }
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'MLOps Labbook',
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: name.replace(/[^\w]/g, '_'),
        layers: layers.map((l, i) => ({
          class_name: 'Dense',
          config: {
            units: l.units,
            activation: l.activation,
            use_bias: true,
            kernel_initializer: initializer,
            bias_initializer: initializer,
            kernel_regularizer: null,
            bias_regularizer: null,
            activity_regularizer: null,
            kernel_constraint: null,
            bias_constraint: null,
            name: `dense_${i + 1}`,
            trainable: true,
            ...(i === 0 ? { batch_input_shape: [null, l.inputs] } : {}),
            dtype: 'float32',
          },
        })),
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [
      {
        paths: ['weights.bin'],
        weights: layers.flatMap((l, i) => [
          { name: `dense_${i + 1}/kernel`, shape: [l.inputs, l.units], dtype: 'float32' },
          { name: `dense_${i + 1}/bias`, shape: [l.units], dtype: 'float32' },
        ]),
      },
    ],
  };
  const preprocessing = preprocessingSpec(pipeline, model);
  return {
    'model.json': JSON.stringify(modelJson, null, 2),
    'weights.bin': new Uint8Array(weights.buffer),
    'preprocessing.json': JSON.stringify(preprocessing, null, 2),
  };
}

/** The three files in one zip, for a download. */
export function tfjsLayersZip(json: unknown, name: string): Uint8Array {
  const files = tfjsLayersFiles(json, name);
  return zipSync({
    'model.json': strToU8(files['model.json']),
    'weights.bin': files['weights.bin'],
    'preprocessing.json': strToU8(files['preprocessing.json']),
  });
}
