import type { ColumnarTable } from '../../data/columnar';
import { frameFromTable } from '../../features/frame';
import { mae } from '../../metrics';
import type { Predictor } from '../../registry';
import { requestRow } from '../../serving/dataset-rows';
import type { Reference } from './monitor';

/**
 * The reference a monitor compares traffic with: the model's inputs as they were in its data,
 * its predictions on them (for prediction drift), and its error there (the performance baseline).
 */
export function buildReference(table: ColumnarTable, predictor: Predictor): Reference {
  const inputs = predictor.signature.inputs;
  const rows = Array.from({ length: table.rowCount }, (_, i) => requestRow(table, i, inputs));
  const predictions = Float64Array.from(
    predictor.predict(rows as Record<string, number | string>[]),
  );
  const frame = frameFromTable(table);
  const target = frame[predictor.signature.outputs[0]!.name];
  return {
    frame: Object.fromEntries(inputs.map((c) => [c.name, frame[c.name]!])),
    predictions,
    mae: target instanceof Float64Array ? mae(target, predictions) : NaN,
  };
}
