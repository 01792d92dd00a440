import { describe, expect, it } from 'vitest';
import {
  configHash,
  parsePipelineConfig,
  PipelineConfigError,
  runPipeline,
  type StepEvent,
} from '../../../src/lib/pipeline';
import { ModelRegistry } from '../../../src/lib/registry';
import { useNodeServices } from '../lab/node-services';

const DIABETES_OLS = `
name: diabetes-ols
random_state: 42
data:
  dataset: diabetes
  split: course
  validate:
    - expectation_type: expect_column_values_to_not_be_null
      kwargs: { column: bmi }
features:
  target: target
  passthrough: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]
model:
  kind: linear
metrics: [mse, rmse, r2]
register:
  name: diabetes-progression
`;

const TAXI_COURSE = `
name: taxi-course-ridge
random_state: 42
data:
  dataset: nyc-taxi
  split: { test_size: 0.3 }
features:
  recipe: taxi
  target: trip_duration
  target_transform: log1p
  scale: [abnormal_period, hour]
  onehot: [weekday, month]
model:
  kind: ridge
  alpha: 1
metrics: [rmsle, rmse]
register:
  name: taxi-trip-duration
`;

const TAXI_FULL = `
name: taxi-full-lasso
random_state: 42
data:
  dataset: nyc-taxi
  split: { test_size: 0.3 }
features:
  recipe: taxi
  target: trip_duration
  target_transform: log1p
  scale: [abnormal_period, hour, log_distance_haversine, passenger_count]
  passthrough: [is_high_traffic_trip, is_high_speed_trip, is_rare_pickup_point, is_rare_dropoff_point, vendor_2, store_and_fwd]
  onehot: [weekday, month]
  clean:
    columns: [log_distance_haversine, trip_duration]
    quantiles: [0.01, 0.99]
model:
  kind: lasso
  grid: { alpha: [0.0001, 0.001, 0.01] }
  folds: 3
metrics: [rmsle]
`;

function services() {
  const { catalog, tracking, registry, fitMlp } = useNodeServices();
  return { catalog, tracking, registry, fitMlp };
}

describe('pipeline config', () => {
  it('names the line and field of every problem', () => {
    const problems = (yaml: string) => {
      try {
        parsePipelineConfig(yaml, 'taxi.yaml');
      } catch (error) {
        expect(error).toBeInstanceOf(PipelineConfigError);
        return (error as PipelineConfigError).problems;
      }
      throw new Error('expected a PipelineConfigError');
    };
    expect(problems('name: a\nrandom_state: 1\nname: b\n')[0]).toMatchObject({
      line: 3,
      message: expect.stringMatching(/^YAML: Map keys must be unique/),
    });
    const typo = problems(TAXI_COURSE.replace('  alpha: 1', '  alpah: 1'));
    expect(typo).toEqual([
      { path: 'model', line: 15, message: expect.stringMatching(/Unrecognized key: "alpah"/) },
    ]);
    const unknownFeature = problems(
      TAXI_COURSE.replace('onehot: [weekday, month]', 'onehot: [weekday, moon]'),
    );
    expect(unknownFeature[0]).toMatchObject({
      path: 'features.onehot[1]',
      line: 12,
      message: expect.stringMatching(/the taxi recipe makes no feature "moon"/),
    });
    expect(problems(TAXI_COURSE.replace('kind: ridge', 'kind: linear'))[0]!.message).toMatch(
      /a linear model takes no alpha/,
    );
    const missing = problems(TAXI_COURSE.replace('random_state: 42\n', ''));
    expect(missing[0]).toMatchObject({ path: 'random_state', line: 2 });
    expect(() => parsePipelineConfig('name: x\n', 'x.yaml')).toThrow(
      /^x.yaml is not a valid pipeline config/,
    );
  });

  it('refuses a champion alias that no model test could ever open, naming the line', () => {
    const champion = `${DIABETES_OLS}  alias: champion\n`;
    const line = champion.split('\n').indexOf('  alias: champion') + 1;
    expect(() => parsePipelineConfig(champion)).toThrow(PipelineConfigError);
    try {
      parsePipelineConfig(champion);
    } catch (error) {
      expect((error as PipelineConfigError).problems).toEqual([
        {
          path: 'register.alias',
          line,
          message: expect.stringMatching(
            /required model tests passed can be "champion": either add register.tests .* or leave the alias out/,
          ),
        },
      ]);
    }
    const optionalOnly = `${champion}  tests:\n    - { kind: minimum, name: positive, expect: { min: 0 }, required: false }\n`;
    expect(() => parsePipelineConfig(optionalOnly)).toThrow(
      /register.tests: every test is optional/,
    );
    // challenger is not gated; a bad test is named by its field.
    expect(parsePipelineConfig(`${DIABETES_OLS}  alias: challenger\n`).register).toMatchObject({
      alias: 'challenger',
    });
    expect(() =>
      parsePipelineConfig(`${champion}  tests:\n    - { kind: minimum, name: positive }\n`),
    ).toThrow(/register.tests\[0\].expect/);
  });

  it('hashes equal configs equally, however they are written', async () => {
    const a = parsePipelineConfig(TAXI_COURSE);
    const b = parsePipelineConfig(
      TAXI_COURSE.replace('split: { test_size: 0.3 }', 'split:\n    test_size: 0.30'),
    );
    expect(await configHash(a)).toBe(await configHash(b));
    const c = parsePipelineConfig(TAXI_COURSE.replace('alpha: 1', 'alpha: 2'));
    expect(await configHash(c)).not.toBe(await configHash(a));
  });
});

describe('pipeline runs', () => {
  it("reproduces the course's diabetes least squares, validates, tracks and registers", async () => {
    const s = services();
    const steps: StepEvent[] = [];
    const result = await runPipeline(DIABETES_OLS, s, { onStep: (e) => steps.push(e) });
    expect(result.metrics.train.mse!.toFixed(2)).toBe('2868.55');
    expect(result.metrics.test.mse!.toFixed(2)).toBe('2900.19');
    expect(result.metrics.baseline.mse).toBeGreaterThan(result.metrics.test.mse!);
    expect(steps.filter((e) => e.status === 'done').map((e) => e.step)).toEqual([
      'load',
      'validate',
      'split',
      'features',
      'train',
      'evaluate',
      'register',
    ]);
    const run = await s.tracking.run(result.runId);
    expect(run!.status).toBe('FINISHED');
    expect(run!.tags['dataset.version']).toBe(result.dataVersion);
    expect(run!.tags['config.hash']).toBe(result.configHash);
    expect(run!.params.model).toBe('linear');
    expect(run!.metrics.test_mse!.value).toBeCloseTo(2900.19, 2);
    expect(new TextDecoder().decode(await s.tracking.artifact(result.runId, 'config.yaml'))).toBe(
      DIABETES_OLS,
    );
    expect(result.version).toMatchObject({ name: 'diabetes-progression', version: 1 });
    expect(result.version!.inputExample).toHaveLength(5);
    // The test rows' predictions: their squared residuals average to the logged test MSE.
    const csv = new TextDecoder().decode(
      await s.tracking.artifact(result.runId, 'predictions.csv'),
    );
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe('test_row,actual,predicted,residual');
    expect(rows).toHaveLength(89);
    const residuals = rows.map((r) => Number(r.split(',')[3]));
    const mse = residuals.reduce((sum, e) => sum + e * e, 0) / residuals.length;
    expect(mse).toBeCloseTo(result.metrics.test.mse!, 6);
    expect(
      (await s.tracking.artifacts(result.runId)).find((a) => a.path === 'predictions.csv'),
    ).toMatchObject({ mime: 'text/csv' });
  });

  it('answers from the cache when the same config already ran on the same data version', async () => {
    const s = services();
    const first = await runPipeline(DIABETES_OLS, s, { cache: true });
    const steps: StepEvent[] = [];
    const again = await runPipeline(DIABETES_OLS, s, { cache: true, onStep: (e) => steps.push(e) });
    expect(steps.map((e) => e.status)).toEqual(Array(7).fill('cached'));
    expect(again.runId).toBe(first.runId);
    expect(again.metrics).toEqual(first.metrics);
    expect(again.model).toEqual(first.model);
    expect(again.version!.version).toBe(first.version!.version);
    expect((await s.tracking.runs()).length).toBe(1);
    // A different config runs.
    const other = await runPipeline(DIABETES_OLS.replace('kind: linear', 'kind: ridge'), s, {
      cache: true,
    });
    expect(other.runId).not.toBe(first.runId);
  });

  it('tests the new version before a champion alias: set when the required tests pass, refused and recorded when not', async () => {
    const s = services();
    const withTests = (directional: 'increase' | 'decrease') => `${DIABETES_OLS}  alias: champion
  tests:
    - { kind: minimum, name: positive progression, expect: { min: 0 } }
    - { kind: directional, name: bmi effect, feature: bmi, delta: 1, expect: ${directional} }
`;
    const steps: StepEvent[] = [];
    const good = await runPipeline(withTests('increase'), s, { onStep: (e) => steps.push(e) });
    expect(good.aliasRefused).toBeNull();
    expect(steps.at(-1)).toMatchObject({
      step: 'register',
      status: 'done',
      detail: 'diabetes-progression version 1; tests 2 of 2 passed; champion',
    });
    const registry = new ModelRegistry(s.registry, s.tracking);
    expect((await registry.getModel('diabetes-progression')).aliases).toEqual({ champion: 1 });
    expect((await registry.getVersion('diabetes-progression', 1)).tests!.passed).toBe(true);

    // A higher BMI does not lower the predicted progression: the gate refuses, the run finishes.
    steps.length = 0;
    const bad = await runPipeline(withTests('decrease'), s, { onStep: (e) => steps.push(e) });
    expect(bad.version).toMatchObject({ version: 2 });
    expect(bad.aliasRefused).toMatch(
      /models:\/diabetes-progression\/2 cannot become "champion": required tests failed — "bmi effect"/,
    );
    expect(steps.at(-1)).toMatchObject({
      step: 'register',
      status: 'done',
      detail: expect.stringMatching(
        /^diabetes-progression version 2; tests 1 of 2 passed; champion refused: models:\/diabetes-progression\/2 cannot become "champion": required tests failed — "bmi effect"/,
      ),
    });
    const run = await s.tracking.run(bad.runId);
    expect(run!.status).toBe('FINISHED');
    expect(run!.tags['register.alias_refused']).toMatch(
      /^champion: models:\/diabetes-progression\/2 cannot/,
    );
    expect((await registry.getModel('diabetes-progression')).aliases).toEqual({ champion: 1 });
    expect((await registry.getVersion('diabetes-progression', 2)).tests!.passed).toBe(false);
  });

  it('stops at a failed validation and marks the run failed', async () => {
    const s = services();
    const steps: StepEvent[] = [];
    const bad = DIABETES_OLS.replace(
      'kwargs: { column: bmi }',
      'kwargs: { column: bmi, min_value: 0, max_value: 30 }',
    ).replace('expect_column_values_to_not_be_null', 'expect_column_values_to_be_between');
    await expect(runPipeline(bad, s, { onStep: (e) => steps.push(e) })).rejects.toThrow(
      /Data validation "diabetes-ols" failed 1 of 1 expectations/,
    );
    expect(steps.at(-1)).toMatchObject({ step: 'validate', status: 'failed' });
    const [run] = await s.tracking.runs();
    expect(run!.status).toBe('FAILED');
    expect(run!.tags.error).toMatch(/^validate: Data validation/);
    expect(await s.registry.models()).toEqual([]);
  });

  it("trains the course's taxi model on log1p(duration), beats the baseline, and is reproducible", async () => {
    const s = services();
    const first = await runPipeline(TAXI_COURSE, s);
    const again = await runPipeline(TAXI_COURSE, s);
    expect(again.metrics).toEqual(first.metrics);
    expect(again.model).toEqual(first.model);
    expect(first.rows.test / (first.rows.train + first.rows.test)).toBeCloseTo(0.3, 3);
    expect(first.metrics.test.rmsle).toBeLessThan(first.metrics.baseline.rmsle!);
    // Every fitted part is saved with the model: abnormal days, scaler, one-hot categories.
    expect(first.model.recipe.kind).toBe('taxi');
    expect(first.model.encoders.map((e) => e.categories)).toEqual([
      ['0', '1', '2', '3', '4', '5', '6'],
      ['1', '2', '3', '4', '5', '6'],
    ]);
    expect(first.model.design).toHaveLength(2 + 7 + 6);

    // The registered version predicts from raw request rows exactly as the pipeline did.
    const registry = new ModelRegistry(s.registry, s.tracking);
    const predictor = await registry.loadPredictor('models:/taxi-trip-duration/1');
    expect(predictor.signature.inputs.map((c) => c.name)).toContain('pickup_datetime');
    const example = (await registry.getVersion('taxi-trip-duration', 1)).inputExample;
    expect(typeof example[0]!.pickup_datetime).toBe('string');
    const predictions = predictor.predict(example);
    expect(predictions.every((p) => p > 60 && p < 7200)).toBe(true);
  }, 60_000);

  it('cleans training rows and picks alpha by cross-validation; more features beat the course model', async () => {
    const s = services();
    const course = await runPipeline(TAXI_COURSE.replace(/register:[\s\S]*$/, ''), s);
    const full = await runPipeline(TAXI_FULL, s);
    expect(full.rows.cleanedAway).toBeGreaterThan(0);
    expect(full.rows.test).toBe(course.rows.test);
    expect(full.cv!.candidates).toHaveLength(3);
    expect([0.0001, 0.001, 0.01]).toContain(full.cv!.best);
    expect(full.metrics.test.rmsle).toBeLessThan(course.metrics.test.rmsle! * 0.9);
    const run = await s.tracking.run(full.runId);
    expect(run!.params.best_alpha).toBe(String(full.cv!.best));
  }, 120_000);

  it('trains an MLP through the pipeline: a loss curve per epoch, the backend on the run, reproducible', async () => {
    const s = services();
    const mlp = TAXI_COURSE.replace(
      'scale: [abnormal_period, hour]',
      'scale: [abnormal_period, hour, log_distance_haversine]',
    ).replace(
      'kind: ridge\n  alpha: 1',
      'kind: mlp\n  hidden: [16]\n  epochs: 3\n  batch_size: 512',
    );
    const epochs: number[] = [];
    const first = await runPipeline(mlp, s, { onEpoch: (r) => epochs.push(r.epoch) });
    const again = await runPipeline(mlp, s);
    // Each epoch reaches the caller (a cell's live loss curve) as it arrives.
    expect(epochs).toEqual([1, 2, 3]);
    expect(again.metrics).toEqual(first.metrics);
    expect(first.metrics.test.rmsle).toBeLessThan(first.metrics.baseline.rmsle! * 0.9);
    const run = await s.tracking.run(first.runId);
    // The fused trainer takes the config's MLP (dense, relu, Adam); the run says so.
    expect(run!.tags).toMatchObject({ trainer: 'fused', backend: 'javascript-float64' });
    expect((await s.tracking.metricHistory(first.runId, 'loss')).map((p) => p.step)).toEqual([
      1, 2, 3,
    ]);
    expect(run!.metrics.val_loss).toBeDefined();
    const predictor = await new ModelRegistry(s.registry, s.tracking).loadPredictor(
      'models:/taxi-trip-duration/1',
    );
    const version = await new ModelRegistry(s.registry, s.tracking).getVersion(
      'taxi-trip-duration',
      1,
    );
    expect(predictor.predict(version.inputExample).every((p) => p > 30 && p < 10_000)).toBe(true);
    expect(() =>
      parsePipelineConfig(TAXI_COURSE.replace('alpha: 1', 'alpha: 1\n  hidden: [4]')),
    ).toThrow(/hidden is for kind mlp only/);
  }, 120_000);

  it('marks the run failed, with the reason, when the training worker crashes', async () => {
    const s = services();
    const crash = new Error(
      'The training worker crashed. The usual cause is running out of memory.',
    );
    const mlp = TAXI_COURSE.replace('kind: ridge\n  alpha: 1', 'kind: mlp\n  epochs: 1');
    const steps: StepEvent[] = [];
    await expect(
      runPipeline(
        mlp,
        { ...s, fitMlp: () => Promise.reject(crash) },
        { onStep: (e) => steps.push(e) },
      ),
    ).rejects.toBe(crash);
    expect(steps.at(-1)).toMatchObject({ step: 'train', status: 'failed' });
    const [run] = await s.tracking.runs();
    expect(run!.status).toBe('FAILED');
    expect(run!.tags.error).toBe(`train: ${crash.message}`);
  }, 60_000);
});
