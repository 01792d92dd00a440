import { stringify } from 'yaml';
import type { ColumnSpec } from './types';

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

/**
 * An `MLmodel` file as MLflow writes it: the flavors (each with its pinned library versions),
 * the run, the input example's place and the signature. The Python export writes the sklearn
 * flavor with it; registered versions write the Labbook's own flavor (./manifest.ts).
 */
export function mlmodelDocument(options: {
  runId: string;
  inputs: readonly ColumnSpec[];
  outputs: readonly ColumnSpec[];
  flavors: Record<string, Record<string, unknown>>;
  extra?: Record<string, unknown>;
}): string {
  return stringify({
    artifact_path: 'model',
    flavors: options.flavors,
    run_id: options.runId,
    saved_input_example_info: {
      artifact_path: 'input_example.json',
      type: 'dataframe',
      pandas_orient: 'split',
    },
    signature: { inputs: columns(options.inputs), outputs: columns(options.outputs) },
    ...options.extra,
  });
}
