import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tfjsLayersFiles } from '../../../src/lib/registry';
import { exportMlflowZip, memoryTrackingPort, Tracker } from '../../../src/lib/tracking';
import { matrix, type Matrix } from '../../../src/lib/train/matrix';
import { fitMlp } from '../../../src/lib/train/tfjs-mlp';
import {
  fitModel,
  mlpModelState,
  predictModel,
  type ModelState,
} from '../../../src/lib/train/model';
import { applyScaler } from '../../../src/lib/train/preprocess';

const n = 300;
const x = matrix(
  n,
  3,
  Float64Array.from({ length: n * 3 }, (_, i) => ((i * 7919) % 997) / 100),
);
const y = Float64Array.from({ length: n }, (_, i) => x.data[i * 3]! * 2 - x.data[i * 3 + 1]! + 5);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Loads the exported files with TensorFlow.js itself and predicts on preprocessed rows. */
async function predictWithTfjs(state: ModelState, input: Matrix): Promise<Float32Array> {
  const files = tfjsLayersFiles(state, 'test model');
  const json = JSON.parse(files['model.json']);
  expect(json.format).toBe('layers-model');
  const bytes = files['weights.bin'];
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    }),
  );
  const out = model.predict(tf.tensor2d(Float32Array.from(input.data), [input.rows, input.cols]));
  return (out as tf.Tensor).dataSync() as Float32Array;
}

describe('TensorFlow.js Layers export', () => {
  it('exports an MLP that tf.loadLayersModel reads and that predicts as the Labbook does', async () => {
    const mlp = await fitMlp(tf, x, y, { hidden: [8, 4], epochs: 3 });
    const state = mlpModelState(mlp, { features: ['a', 'b', 'c'], target: 'y' });
    const ours = predictModel(state, x);
    const theirs = await predictWithTfjs(state, applyScaler(mlp.scaler, x));
    ours.forEach((v, i) => expect(theirs[i]).toBeCloseTo(v, 3));
    const pre = JSON.parse(tfjsLayersFiles(state, 'm')['preprocessing.json']);
    expect(pre.model_scaler).toEqual(mlp.scaler);
  });

  it('exports a linear model as one dense layer, its scaler in preprocessing.json', async () => {
    const state = fitModel('ridge', x, y, {
      features: ['a', 'b', 'c'],
      target: 'y',
      alpha: 0.1,
      scale: true,
    });
    const ours = predictModel(state, x);
    const theirs = await predictWithTfjs(state, applyScaler(state.scaler!, x));
    ours.forEach((v, i) => expect(theirs[i]).toBeCloseTo(v, 3));
  });
});

describe('MLflow file-store export', () => {
  it('writes experiments and runs in mlruns/ layout: meta.yaml, params, metrics with steps, tags, artifacts', async () => {
    const port = memoryTrackingPort();
    let t = 1_700_000_000_000;
    const tracker = new Tracker(port, { now: () => (t += 1000) });
    await tracker.setExperiment('taxi');
    const run = await tracker.startRun({ name: "ridge 'small'", tags: { model: 'ridge' } });
    await tracker.logParams({ alpha: 0.1 });
    await tracker.logMetric('loss', 0.9, 0);
    await tracker.logMetric('loss', 0.5, 1);
    await tracker.logArtifact('model/model.json', { w: [1, 2] });
    await tracker.endRun();
    await tracker.setExperiment('other');

    const files = unzipSync(await exportMlflowZip(port, { experiments: ['taxi'] }));
    const dir = `mlruns/1/${run.id}`;
    expect(Object.keys(files).sort()).toEqual(
      [
        'README.md',
        'relocate_artifacts.py',
        'mlruns/.trash/',
        'mlruns/0/meta.yaml',
        'mlruns/1/meta.yaml',
        `${dir}/meta.yaml`,
        `${dir}/params/alpha`,
        `${dir}/metrics/loss`,
        `${dir}/tags/model`,
        `${dir}/tags/mlflow.runName`,
        `${dir}/tags/mlflow.user`,
        `${dir}/artifacts/model/model.json`,
      ].sort(),
    );
    expect(parse(strFromU8(files['mlruns/1/meta.yaml']!))).toMatchObject({
      experiment_id: '1',
      name: 'taxi',
    });
    const meta = parse(strFromU8(files[`${dir}/meta.yaml`]!));
    expect(meta).toMatchObject({
      run_id: run.id,
      run_name: "ridge 'small'",
      status: 3,
      experiment_id: '1',
    });
    expect(meta.end_time).toBeGreaterThan(meta.start_time);
    expect(strFromU8(files[`${dir}/params/alpha`]!)).toBe('0.1');
    const lines = strFromU8(files[`${dir}/metrics/loss`]!).trim().split('\n');
    expect(lines.map((l) => l.split(' ').slice(1))).toEqual([
      ['0.9', '0'],
      ['0.5', '1'],
    ]);
    expect(JSON.parse(strFromU8(files[`${dir}/artifacts/model/model.json`]!))).toEqual({
      w: [1, 2],
    });
  });
});
