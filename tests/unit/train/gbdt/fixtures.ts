import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { ColumnarTable } from '../../../../src/lib/data/columnar';
import { parseCsvStream } from '../../../../src/lib/data/csv';
import { frameFromTable, numeric, takeFrame } from '../../../../src/lib/features/frame';
import { recipes } from '../../../../src/lib/features/recipes';
import { TAXI_COURSE_FEATURES } from '../../../../src/lib/features/taxi';
import { matrix, type Matrix } from '../../../../src/lib/train/matrix';
import { splitIndices } from '../../../../src/lib/train/split';

export interface Rows {
  train: Matrix;
  yTrain: Float64Array;
  test: Matrix;
  yTest: Float64Array;
  names: string[];
}

async function csv(bytes: Uint8Array<ArrayBuffer>, name: string): Promise<ColumnarTable> {
  return (await parseCsvStream(new Response(bytes).body!, { name })).table;
}

function rowMajor(columns: Float64Array[]): Matrix {
  const rows = columns[0]!.length;
  const out = new Float64Array(rows * columns.length);
  columns.forEach((c, j) => c.forEach((v, i) => (out[i * columns.length + j] = v)));
  return matrix(rows, columns.length, out);
}

/** Diabetes: the ten columns, a seeded 75/25 split. */
export async function diabetesRows(): Promise<Rows> {
  const table = await csv(readFileSync('datasets/diabetes/diabetes.csv'), 'diabetes');
  const frame = frameFromTable(table);
  const names = table.columns.map((c) => c.name).filter((n) => n !== 'target');
  const split = splitIndices(table.rowCount, 0.25, 42);
  const part = (rows: number[]) => {
    const f = takeFrame(frame, rows);
    return { x: rowMajor(names.map((n) => numeric(f, n))), y: numeric(f, 'target') };
  };
  const train = part(split.train);
  const test = part(split.test);
  return { train: train.x, yTrain: train.y, test: test.x, yTest: test.y, names };
}

/**
 * The shipped taxi sample with the course's features (the taxi recipe, fitted on training rows)
 * and log1p(trip_duration) as the target, so RMSE on it is the RMSLE of durations.
 */
export async function taxiRows(): Promise<Rows> {
  const table = await csv(
    new Uint8Array(gunzipSync(readFileSync('datasets/nyc-taxi/nyc-taxi-sample-100k.csv.gz'))),
    'nyc-taxi',
  );
  const frame = frameFromTable(table);
  const split = splitIndices(table.rowCount, 0.25, 42);
  const trainFrame = takeFrame(frame, split.train);
  const state = recipes.taxi.fit(trainFrame, [], {});
  const names = [...TAXI_COURSE_FEATURES];
  const part = (rows: number[]) => {
    const f = takeFrame(frame, rows);
    const features = recipes.taxi.apply(f, state);
    return {
      x: rowMajor(names.map((n) => features[n]!)),
      y: numeric(f, 'trip_duration').map(Math.log1p),
    };
  };
  const train = part(split.train);
  const test = part(split.test);
  return { train: train.x, yTrain: train.y, test: test.x, yTest: test.y, names };
}
