import type { DataCatalog, DataVersion } from '../data/catalog';
import type { ColumnarTable } from '../data/columnar';
import type { Predictor } from '../registry';
import { missingInputs, requestRow } from './dataset-rows';
import type { Endpoint } from './endpoint';
import { ServingError } from './errors';

const CHUNK_ROWS = 5000;

export interface BatchScore {
  dataset: DataVersion;
  source: string;
  model: string;
  version: number;
  rows: number;
}

/**
 * Batch serving: every row of a data version scored by one model version, stored as a new data
 * version (the input columns plus `prediction`) whose lineage names the source and the model.
 */
export async function scoreDataset(
  catalog: DataCatalog,
  endpoint: Endpoint,
  model: { predictor: Predictor; version: number },
  ref: string,
  yieldEvery: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0)),
): Promise<BatchScore> {
  const { version: source, table } = await catalog.load(ref);
  const inputs = model.predictor.signature.inputs;
  const missing = missingInputs(table, inputs);
  if (missing.length)
    throw new ServingError(
      'bad-dataset',
      `${source.name}@${source.id} lacks the model's inputs ${missing.join(', ')}.`,
    );
  const predictions = new Float64Array(table.rowCount);
  for (let start = 0; start < table.rowCount; start += CHUNK_ROWS) {
    const end = Math.min(table.rowCount, start + CHUNK_ROWS);
    const rows = Array.from({ length: end - start }, (_, k) =>
      requestRow(table, start + k, inputs),
    );
    predictions.set(model.predictor.predict(rows as Record<string, number | string>[]), start);
    await yieldEvery();
  }
  const scored: ColumnarTable = {
    name: `${endpoint.name}-predictions`,
    rowCount: table.rowCount,
    columns: [...table.columns, { name: 'prediction', type: 'float', values: predictions }],
  };
  const dataset = await catalog.save(scored.name!, scored, {
    parents: [source.id],
    transform: {
      kind: 'predictions',
      description: `Scored by ${endpoint.model} v${model.version} (endpoint "${endpoint.name}")`,
      params: {
        endpoint: endpoint.name,
        model: endpoint.model,
        version: model.version,
        source: source.id,
      },
    },
  });
  return {
    dataset,
    source: source.id,
    model: endpoint.model,
    version: model.version,
    rows: table.rowCount,
  };
}
