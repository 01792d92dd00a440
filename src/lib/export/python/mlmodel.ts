import { mlmodelDocument } from '../../registry/mlmodel';
import type { ColumnSpec } from '../../registry/types';

/** `model/MLmodel`: the signature and input example as MLflow writes them (sklearn flavor). */
export function mlmodelYaml(options: {
  runId: string;
  inputs: readonly ColumnSpec[];
  outputs: readonly ColumnSpec[];
  sklearnVersion: string;
}): string {
  return mlmodelDocument({
    runId: options.runId,
    inputs: options.inputs,
    outputs: options.outputs,
    flavors: {
      python_function: {
        loader_module: 'mlflow.sklearn',
        model_path: 'model.pkl',
        env: { virtualenv: 'requirements.txt' },
      },
      sklearn: {
        pickled_model: 'model.pkl',
        serialization_format: 'pickle',
        sklearn_version: options.sklearnVersion,
      },
    },
  });
}

/** `model/input_example.json` in pandas' split orient, as MLflow saves it. */
export function inputExampleJson(
  inputs: readonly ColumnSpec[],
  rows: readonly Record<string, unknown>[],
): string {
  const names = inputs.map((c) => c.name);
  return `${JSON.stringify({ columns: names, data: rows.map((r) => names.map((n) => r[n] ?? null)) }, null, 2)}\n`;
}
