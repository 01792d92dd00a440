import { describe, expect, it } from 'vitest';
import type { ColumnarTable } from '../../../src/lib/data/columnar';
import { buildReference, splitOfRun, trainingSplitOf } from '../../../src/lib/monitoring/traffic';
import type { Predictor } from '../../../src/lib/registry';
import { splitIndices } from '../../../src/lib/train/split';

const noMarks = () => Promise.reject(new Error('course marks are not needed here'));

/** 10 rows: x = 0..9, target = x except the last three (test rows in the split below) at +10. */
const table: ColumnarTable = {
  rowCount: 10,
  columns: [
    { name: 'x', type: 'float', values: Float64Array.from({ length: 10 }, (_, i) => i) },
    {
      name: 'target',
      type: 'float',
      values: Float64Array.from({ length: 10 }, (_, i) => (i >= 7 ? i + 10 : i)),
    },
  ],
};
const predictor: Predictor = {
  signature: {
    inputs: [{ name: 'x', type: 'double' }],
    outputs: [{ name: 'target', type: 'double' }],
  },
  predict: (rows) => rows.map((r) => r['x'] as number),
};

describe('the reference of a served model', () => {
  it('replays the split a pipeline run recorded', async () => {
    const split = await splitOfRun({ split: 'test_size 0.2', random_state: '42' }, 100, noMarks);
    expect(split).toEqual({ ...splitIndices(100, 0.2, 42), how: 'test_size 0.2, random_state 42' });
    const course = await splitOfRun({ split: 'course' }, 3, (rows) =>
      Promise.resolve({ train: [0, 1], test: [rows - 1] }),
    );
    expect(course).toEqual({ train: [0, 1], test: [2], how: 'course' });
  });

  it('knows no split when the run does not say (a model fitted in a cell)', async () => {
    expect(await splitOfRun({}, 100, noMarks)).toBeNull();
    expect(await splitOfRun({ split: 'test_size 0.2' }, 100, noMarks)).toBeNull();
    expect(await splitOfRun({ split: 'test_size 2', random_state: '1' }, 100, noMarks)).toBeNull();
  });

  it('compares with the training rows and measures the reference MAE on the test rows', () => {
    const split = { train: [0, 1, 2, 3, 4, 5, 6], test: [7, 8, 9], how: 'test' };
    const ref = buildReference(table, predictor, split);
    expect(Array.from(ref.frame['x'] as Float64Array)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(ref.predictions)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(ref.mae).toBe(10);
    expect(ref.source).toEqual({
      kind: 'training',
      rows: 7,
      versionRows: 10,
      split: 'test',
      maeOn: 'test',
      maeRows: 3,
    });
  });

  it('falls back to the whole version, and says its MAE includes the training rows', () => {
    const ref = buildReference(table, predictor);
    expect((ref.frame['x'] as Float64Array).length).toBe(10);
    expect(ref.mae).toBe(3);
    expect(ref.source).toMatchObject({ kind: 'version', rows: 10, split: null, maeOn: 'version' });
  });

  it('reads the split from the served version’s run, only for the data it was trained on', async () => {
    const runs = {
      run: (id: string) =>
        Promise.resolve(
          id === 'r1' ? { params: { split: 'test_size 0.25', random_state: '7' } } : undefined,
        ),
    };
    const version = { runId: 'r1', datasetVersion: 'v-data' };
    expect(await trainingSplitOf(version, 'v-data', 40, runs, noMarks)).toEqual({
      ...splitIndices(40, 0.25, 7),
      how: 'test_size 0.25, random_state 7',
    });
    // Another data version as the reference, a run that is gone, a run's own model: no split.
    expect(await trainingSplitOf(version, 'v-other', 40, runs, noMarks)).toBeNull();
    expect(
      await trainingSplitOf({ ...version, runId: 'gone' }, 'v-data', 40, runs, noMarks),
    ).toBeNull();
    expect(await trainingSplitOf(null, 'v-data', 40, runs, noMarks)).toBeNull();
  });
});
