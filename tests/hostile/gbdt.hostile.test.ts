import { beforeAll, describe, expect } from 'vitest';
import { parsePipelineConfig } from '../../src/lib/pipeline';
import { predictorOf } from '../../src/lib/registry/flavors';
import { createRng } from '../../src/lib/data/random';
import { fitGbdt } from '../../src/lib/train/gbdt/boosting';
import { GbdtError } from '../../src/lib/train/gbdt/errors';
import { gbdtState, predictGbdt, type GbdtState } from '../../src/lib/train/gbdt/format';
import { predictTrees } from '../../src/lib/train/gbdt/predict';
import { matrix, type Matrix } from '../../src/lib/train/matrix';
import { sklearnHgb } from '../../scripts/bench/gbdt-sklearn';
import { diabetesRows, type Rows } from '../unit/train/gbdt/fixtures';
import { useNodeServices } from '../unit/lab/node-services';
import { runPipeline } from '../../src/lib/pipeline';
import { hostile } from './hostile';

/** The error a call throws (a test fails when it throws none). */
function thrown(fn: () => unknown): GbdtError {
  try {
    fn();
  } catch (error) {
    return error as GbdtError;
  }
  throw new Error('expected an error, got none');
}

const copy = (m: Matrix): Matrix => matrix(m.rows, m.cols, Float64Array.from(m.data));

let diabetes: Rows;
beforeAll(async () => {
  diabetes = await diabetesRows();
});

describe('training rows', () => {
  hostile(
    'gbdt',
    'NaN features are missing values: a bin of their own, the same trees as sklearn',
    { guards: 'clarity', timeout: 60_000 },
    () => {
      const rng = createRng(3);
      const train = copy(diabetes.train);
      const test = copy(diabetes.test);
      // A fifth of bmi and of ltg missing, in training and test rows.
      for (const m of [train, test])
        for (let i = 0; i < m.rows; i++)
          for (const j of [2, 8]) if (rng.chance(0.2)) m.data[i * m.cols + j] = NaN;
      const params = { max_iter: 40, early_stopping: false };
      const fit = fitGbdt(train, diabetes.yTrain, params);
      const ours = predictTrees(fit.baseline, fit.trees, test);
      const ref = sklearnHgb(train, diabetes.yTrain, test, params, { threads: 1 });
      expect(ours.every(Number.isFinite)).toBe(true);
      for (let i = 0; i < ours.length; i++) expect(ours[i]).toBeCloseTo(ref.predictions[i]!, 6);
    },
  );

  hostile(
    'gbdt',
    '±Infinity in a feature: refused, naming feature and row',
    { guards: 'clarity' },
    () => {
      const x = copy(diabetes.train);
      x.data[5 * x.cols + 2] = -Infinity;
      const error = thrown(() => fitGbdt(x, diabetes.yTrain, {}, { names: diabetes.names }));
      expect(error).toBeInstanceOf(GbdtError);
      expect(error.code).toBe('non-finite');
      expect(error.message).toMatch(/"bmi" is -Infinity in training row 5: replace it with NaN/);
    },
  );

  hostile(
    'gbdt',
    'NaN or Infinity in the target: refused with the row',
    { guards: 'clarity' },
    () => {
      for (const bad of [NaN, Infinity]) {
        const y = Float64Array.from(diabetes.yTrain);
        y[7] = bad;
        const error = thrown(() => fitGbdt(diabetes.train, y));
        expect(error.code).toBe('non-finite');
        expect(error.message).toMatch(new RegExp(`The target is ${bad} in training row 7`));
      }
    },
  );

  hostile('gbdt', 'a constant column: never split on, importance 0', { guards: 'clarity' }, () => {
    const x = copy(diabetes.train);
    for (let i = 0; i < x.rows; i++) x.data[i * x.cols + 1] = 4.2;
    const fit = fitGbdt(x, diabetes.yTrain, { max_iter: 20 });
    expect(fit.trees.every((t) => !t.feature.includes(1))).toBe(true);
    expect(fit.importances[1]).toBe(0);
    // A column that is all NaN is constant too.
    for (let i = 0; i < x.rows; i++) x.data[i * x.cols + 1] = NaN;
    expect(fitGbdt(x, diabetes.yTrain, { max_iter: 20 }).importances[1]).toBe(0);
  });

  hostile(
    'gbdt',
    'one training row: predicts it; early stopping says why it cannot',
    { guards: 'clarity' },
    () => {
      const x = matrix(1, 3, Float64Array.from([1, 2, 3]));
      const fit = fitGbdt(x, Float64Array.from([7]), { max_iter: 5 });
      expect(Array.from(predictTrees(fit.baseline, fit.trees, x))).toEqual([7]);
      const error = thrown(() => fitGbdt(x, Float64Array.from([7]), { early_stopping: true }));
      expect(error.code).toBe('empty');
      expect(error.field).toBe('early_stopping');
      expect(error.message).toMatch(/leaving 0 to train on: set early_stopping: false/);
      expect(thrown(() => fitGbdt(matrix(0, 3), new Float64Array(0))).code).toBe('empty');
    },
  );

  hostile(
    'gbdt',
    'values near the float limits bin and predict without overflow',
    { guards: 'clarity' },
    () => {
      const x = matrix(
        40,
        1,
        Float64Array.from({ length: 40 }, (_, i) => (i % 2 ? 1e308 : -1e308)),
      );
      const y = Float64Array.from({ length: 40 }, (_, i) => i % 2);
      const fit = fitGbdt(x, y, { max_iter: 3, min_samples_leaf: 5 });
      expect(Array.from(predictTrees(fit.baseline, fit.trees, x)).every(Number.isFinite)).toBe(
        true,
      );
    },
  );
});

describe('parameters', () => {
  hostile(
    'gbdt',
    'max_bins out of range, fractional or a string: refused with the range',
    { guards: 'clarity' },
    () => {
      for (const bad of [0, 1, 256, 2.5, '255', NaN]) {
        const error = thrown(() =>
          fitGbdt(diabetes.train, diabetes.yTrain, { max_bins: bad as number }),
        );
        expect(error.code).toBe('bad-param');
        expect(error.field).toBe('max_bins');
        expect(error.message).toMatch(/max_bins must be a whole number from 2 to 255; got /);
      }
    },
  );

  hostile(
    'gbdt',
    'max_bins: 300 in a pipeline config: the line and the limit',
    { guards: 'clarity' },
    () => {
      const yaml = `name: t\nrandom_state: 1\ndata: { dataset: diabetes }\nfeatures:\n  target: target\n  passthrough: [bmi]\nmodel:\n  kind: gbdt\n  max_bins: 300\n`;
      expect(() => parsePipelineConfig(yaml)).toThrow(/line 9, model\.max_bins: .*255/);
    },
  );
});

describe('saved tree files', () => {
  let saved: GbdtState;
  beforeAll(() => {
    saved = gbdtState(fitGbdt(diabetes.train, diabetes.yTrain, { max_iter: 5 }));
  });
  const damaged = (edit: (s: GbdtState) => void): GbdtState => {
    const s = structuredClone(saved);
    edit(s);
    return s;
  };
  const refusal = (s: GbdtState) => thrown(() => predictGbdt(s, diabetes.test));

  hostile(
    'gbdt',
    'a tree array cut short: names the array and both lengths',
    { guards: 'clarity' },
    () => {
      const error = refusal(damaged((s) => s.trees[2]!.left.pop()));
      expect(error.code).toBe('bad-model-file');
      expect(error.field).toBe('trees[2].left');
      expect(error.message).toMatch(/trees\[2\]\.left has \d+ nodes, feature has \d+/);
    },
  );

  hostile(
    'gbdt',
    'a child pointing back at its parent (a cycle): refused, never loops',
    { guards: 'availability' },
    () => {
      const error = refusal(damaged((s) => (s.trees[0]!.right[0] = 0)));
      expect(error.field).toBe('trees[0].right[0]');
      expect(error.message).toMatch(/it must be a node after 0/);
    },
  );

  hostile('gbdt', 'a split on a feature the model does not have', { guards: 'clarity' }, () => {
    const error = refusal(damaged((s) => (s.trees[1]!.feature[0] = 99)));
    expect(error.field).toBe('trees[1].feature[0]');
    expect(error.message).toMatch(/is 99; the model has features 0 to 9/);
  });

  hostile(
    'gbdt',
    'a threshold as a string, a value as NaN-ish text, a wrong format or version',
    { guards: 'clarity' },
    () => {
      expect(
        refusal(damaged((s) => ((s.trees[0]!.threshold as unknown[])[0] = '26.8'))).field,
      ).toBe('trees[0].threshold[0]');
      expect(refusal(damaged((s) => ((s.trees[0]!.value as unknown[])[3] = 'NaN'))).field).toBe(
        'trees[0].value[3]',
      );
      expect(refusal(damaged((s) => ((s as { version: number }).version = 2))).message).toMatch(
        /version is 2; this Labbook reads version 1/,
      );
      expect(refusal(damaged((s) => ((s as { baseline: unknown }).baseline = null))).field).toBe(
        'baseline',
      );
      expect(
        refusal(damaged((s) => ((s.params as { max_bins: number }).max_bins = 999))).field,
      ).toBe('params.max_bins');
    },
  );

  hostile(
    'gbdt',
    'a damaged registered model: loading it names the field, serving nothing wrong',
    { guards: 'clarity', timeout: 60_000 },
    async () => {
      const s = useNodeServices();
      const result = await runPipeline(
        `name: d\nrandom_state: 1\ndata: { dataset: diabetes, split: course }\nfeatures:\n  target: target\n  passthrough: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]\nmodel: { kind: gbdt, max_iter: 5 }\n`,
        s,
      );
      const json = JSON.parse(JSON.stringify(result.model));
      json.model.gbdt.trees[0].left = 'oops';
      const predictor = predictorOf(json, 'runs:/x/model');
      const row = Object.fromEntries(result.model.design.map((n) => [n, 1]));
      const error = thrown(() => predictor.predict([row]));
      expect(error.field).toBe('trees[0].left');
      expect(error.message).toMatch(
        /The saved trees are damaged: trees\[0\]\.left is missing or not an array\. Re-train/,
      );
    },
  );
});
