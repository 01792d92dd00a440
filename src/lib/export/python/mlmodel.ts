import { stringify } from 'yaml';
import type { ColumnSpec } from '../../registry/types';

/** MLflow's column types for the Labbook's signature types. */
const MLFLOW_TYPE: Record<ColumnSpec['type'], string> = {
  double: 'double',
  long: 'long',
  string: 'string',
  boolean: 'boolean',
  datetime: 'datetime',
};

const columns = (specs: readonly ColumnSpec[]) =>
  JSON.stringify(specs.map((c) => ({ name: c.name, type: MLFLOW_TYPE[c.type] })));

/** `model/MLmodel`: the signature and input example as MLflow writes them (sklearn flavor). */
export function mlmodelYaml(options: {
  runId: string;
  inputs: readonly ColumnSpec[];
  outputs: readonly ColumnSpec[];
  sklearnVersion: string;
}): string {
  return stringify({
    artifact_path: 'model',
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
    run_id: options.runId,
    saved_input_example_info: {
      artifact_path: 'input_example.json',
      type: 'dataframe',
      pandas_orient: 'split',
    },
    signature: { inputs: columns(options.inputs), outputs: columns(options.outputs) },
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
