import { frameFromRows } from '../features/frame';
import { matrix } from '../train/matrix';
import { isPipelineModel, predictPipeline } from '../train/pipeline-model';
import { predictModel, type ModelState } from '../train/model';
import { RegistryError } from './errors';
import type { InputRow } from './model-tests';
import type { Signature } from './types';

/** What the registry, model tests and serving need from any stored model. */
export interface Predictor {
  signature: Signature;
  predict(rows: InputRow[]): number[];
}

function isLinearState(json: unknown): json is ModelState {
  return (json as { format?: unknown } | null)?.format === 'mlops-labbook-model';
}

/** Rows → the matrix a model takes, refusing a missing or non-numeric feature by row and name. */
export function rowsToMatrix(rows: InputRow[], features: readonly string[]) {
  const data = new Float64Array(rows.length * features.length);
  rows.forEach((row, i) =>
    features.forEach((f, j) => {
      const v = row[f];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new RegistryError(
          'bad-input',
          `Row ${i + 1}: "${f}" is ${v === undefined ? 'missing' : JSON.stringify(v)}; the model needs a finite number.`,
        );
      data[i * features.length + j] = v;
    }),
  );
  return matrix(rows.length, features.length, data);
}

/** A model artifact's JSON as something that predicts; one branch per model format. */
export function predictorOf(json: unknown, where: string): Predictor {
  if (isLinearState(json))
    return {
      signature: {
        inputs: json.features.map((name) => ({ name, type: 'double' })),
        outputs: [{ name: json.target, type: 'double' }],
      },
      predict: (rows) => Array.from(predictModel(json, rowsToMatrix(rows, json.features))),
    };
  if (isPipelineModel(json))
    return {
      signature: {
        inputs: json.inputs,
        outputs: [{ name: json.target.name, type: 'double' }],
      },
      predict: (rows) => Array.from(predictPipeline(json, frameFromRows(rows, json.inputs))),
    };
  throw new RegistryError(
    'no-model-artifact',
    `${where} is not a model this Labbook can load (log one with lab.tracking.logModel(model)).`,
  );
}
