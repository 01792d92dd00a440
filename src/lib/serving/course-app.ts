import type { DataCatalog } from '../data/catalog';
import { valueAt } from '../data/columnar';
import type { ColumnSpec } from '../registry/types';
import { missingInputs, requestRow } from './dataset-rows';

/** The endpoint the course's own API (`diabetes/predict`, `diabetes/patients/randomtest`) serves. */
export const COURSE_ENDPOINT = 'diabetes';

/**
 * `GET /patients/randomtest` of the course's diabetes API: one row of the course's test split,
 * as the model's inputs (`x`) and the observed progression (`y`).
 */
export async function coursePatientRow(
  catalog: DataCatalog,
  inputs: readonly ColumnSpec[],
  random: () => number,
): Promise<{ x: Record<string, unknown>; y: number } | { error: string }> {
  const [{ table }, { table: split }] = await Promise.all([
    catalog.load('diabetes'),
    catalog.load('diabetes-split'),
  ]);
  const missing = missingInputs(table, inputs);
  if (missing.length)
    return {
      error: `The deployed model takes ${missing.join(', ')}, which the diabetes table does not have.`,
    };
  const rowCol = split.columns.find((c) => c.name === 'row')!;
  const splitCol = split.columns.find((c) => c.name === 'split')!;
  const test: number[] = [];
  for (let i = 0; i < split.rowCount; i++)
    if (valueAt(splitCol, i) === 'test') test.push(valueAt(rowCol, i) as number);
  const row = test[Math.floor(random() * test.length)]!;
  const target = table.columns.find((c) => c.name === 'target')!;
  return { x: requestRow(table, row, inputs), y: valueAt(target, row) as number };
}
