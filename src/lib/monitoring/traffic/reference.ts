import type { ColumnarTable } from '../../data/columnar';
import { frameFromTable, takeFrame } from '../../features/frame';
import { mae } from '../../metrics';
import type { Predictor } from '../../registry';
import { requestRow } from '../../serving/dataset-rows';
import { parseSplitParam } from '../../pipeline/split-param';
import { splitIndices } from '../../train/split';
import type { Reference } from './monitor';

/** Which rows of a data version a model trained on, and which it was tested on. */
export interface TrainingSplit {
  train: readonly number[];
  test: readonly number[];
  /** How the run split, in its own words, e.g. "course" or "test_size 0.2, random_state 42". */
  how: string;
}

/** What a reference is made of, said on the dashboard. */
export interface ReferenceSource {
  /** `training`: the rows the model trained on; `version`: every row of the data version. */
  kind: 'training' | 'version';
  /** Rows the traffic is compared with. */
  rows: number;
  /** Rows in the data version. */
  versionRows: number;
  split: string | null;
  /** The reference MAE is the model's error on these rows: held-out test rows, or all of them. */
  maeOn: 'test' | 'version';
  maeRows: number;
}

/**
 * The split a pipeline run recorded in its params (`split`: "course" or "test_size X", and
 * `random_state`), replayed on a version of `rowCount` rows; null when the run did not say (a
 * model fitted in a cell) or the split cannot be replayed. `courseMarks` reads the course's
 * train/test marks (the split the "course" setting names).
 */
export async function splitOfRun(
  params: Readonly<Record<string, string>>,
  rowCount: number,
  courseMarks: (rows: number) => Promise<{ train: number[]; test: number[] }>,
): Promise<TrainingSplit | null> {
  const split = parseSplitParam(params['split']);
  if (split === 'course') return { ...(await courseMarks(rowCount)), how: 'course' };
  const seed = Number(params['random_state']);
  if (split === null || !Number.isInteger(seed)) return null;
  const testSize = split.test_size;
  return {
    ...splitIndices(rowCount, testSize, seed),
    how: `test_size ${testSize}, random_state ${seed}`,
  };
}

/**
 * The split of the data version `dataId` that a model version was trained on: read from its run
 * when the version names that data version (another reference has no training rows to pick).
 */
export async function trainingSplitOf(
  version: { runId: string; datasetVersion: string | null } | null,
  dataId: string,
  rowCount: number,
  runs: { run(id: string): Promise<{ params: Record<string, string> } | undefined> },
  courseMarks: (rows: number) => Promise<{ train: number[]; test: number[] }>,
): Promise<TrainingSplit | null> {
  if (!version || version.datasetVersion !== dataId) return null;
  const run = await runs.run(version.runId);
  return run ? splitOfRun(run.params, rowCount, courseMarks) : null;
}

/**
 * The reference a monitor compares traffic with: the model's inputs as they were in its training
 * rows (every row of the version when the split is unknown), its predictions on them (for
 * prediction drift), and its error on the held-out test rows — the performance a window's MAE
 * is held against. Without a split that error is measured on every row, training rows included,
 * so it flatters the model; `source` says which.
 */
export function buildReference(
  table: ColumnarTable,
  predictor: Predictor,
  split: TrainingSplit | null = null,
): Reference & { source: ReferenceSource } {
  const inputs = predictor.signature.inputs;
  const all = Array.from({ length: table.rowCount }, (_, i) => i);
  const predict = (index: readonly number[]) =>
    Float64Array.from(
      predictor.predict(
        index.map((i) => requestRow(table, i, inputs)) as Record<string, number | string>[],
      ),
    );
  const frame = frameFromTable(table);
  const target = frame[predictor.signature.outputs[0]!.name];
  const refRows = split ? split.train : all;
  const maeRows = split && split.test.length ? split.test : all;
  const predictions = predict(refRows);
  const inputFrame = Object.fromEntries(inputs.map((c) => [c.name, frame[c.name]!]));
  return {
    frame: split ? takeFrame(inputFrame, refRows) : inputFrame,
    predictions,
    mae:
      target instanceof Float64Array
        ? mae(
            Float64Array.from(maeRows, (i) => target[i]!),
            maeRows === refRows ? predictions : predict(maeRows),
          )
        : NaN,
    source: {
      kind: split ? 'training' : 'version',
      rows: refRows.length,
      versionRows: table.rowCount,
      split: split?.how ?? null,
      maeOn: maeRows === all ? 'version' : 'test',
      maeRows: maeRows.length,
    },
  };
}

/**
 * The reference for served `predictor` against data version `data`: the dashboard (monitoring
 * worker) and `lab.monitoring` (kernel) both call this, so they compare traffic with the same rows.
 */
export async function referenceForVersion(
  predictor: Predictor & { version: Parameters<typeof trainingSplitOf>[0] },
  data: { id: string; table: ColumnarTable },
  runs: Parameters<typeof trainingSplitOf>[3],
  courseMarks: Parameters<typeof trainingSplitOf>[4],
): Promise<Reference & { source: ReferenceSource }> {
  const split = await trainingSplitOf(
    predictor.version,
    data.id,
    data.table.rowCount,
    runs,
    courseMarks,
  );
  return buildReference(data.table, predictor, split);
}
