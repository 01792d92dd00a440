import { describe, expect, it } from 'vitest';
import {
  memoryRegistryPort,
  ModelRegistry,
  parseModelUri,
  RegistryError,
  type ModelTest,
} from '../../../src/lib/registry';
import { memoryTrackingPort, Tracker } from '../../../src/lib/tracking';
import { matrix } from '../../../src/lib/train/matrix';
import { fitModel } from '../../../src/lib/train/model';

// y = 3·a − 2·b + 1 exactly; `c` carries no signal, so a fitted linear model ignores it.
const rows = Array.from({ length: 40 }, (_, i) => ({ a: i % 7, b: (i * 3) % 5, c: i % 2 }));
const y = Float64Array.from(rows, (r) => 3 * r.a - 2 * r.b + 1);
const X = matrix(rows.length, 3, Float64Array.from(rows.flatMap((r) => [r.a, r.b, r.c])));
const example = rows.slice(0, 5);

async function setup() {
  let t = 1_000;
  const now = () => (t += 10);
  const tracking = memoryTrackingPort();
  const tracker = new Tracker(tracking, { now });
  const registry = new ModelRegistry(memoryRegistryPort(), tracking, now);
  await tracker.setExperiment('toy');
  const logRun = async (name: string, alpha: number, kind: 'ridge' | 'mean' = 'ridge') => {
    const run = await tracker.startRun({ name });
    await tracker.logParams({ alpha });
    await tracker.setTags({ 'dataset.version': 'v-toy0001' });
    await tracker.logMetric('rmse', alpha / 10);
    await tracker.logArtifact(
      'model/model.json',
      fitModel(kind, X, y, { features: ['a', 'b', 'c'], target: 'y', alpha }) as object,
    );
    await tracker.endRun();
    return run.id;
  };
  return { registry, tracker, logRun };
}

const passing: ModelTest[] = [
  { kind: 'minimum', name: 'predictions in range', expect: { min: -20, max: 30 } },
  { kind: 'invariance', name: 'c does not matter', feature: 'c', values: [0, 1], tolerance: 0.01 },
  { kind: 'directional', name: 'more a, more y', feature: 'a', delta: 1, expect: 'increase' },
];

describe('model registry', () => {
  it('files a run’s model as numbered versions with signature, data version and example', async () => {
    const { registry, logRun } = await setup();
    const first = await registry.registerModel(`runs:/${await logRun('r1', 0)}/model`, 'toy', {
      inputExample: example,
    });
    const second = await registry.registerModel(await logRun('r2', 1), 'toy');
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(first.signature).toEqual({
      inputs: [
        { name: 'a', type: 'double' },
        { name: 'b', type: 'double' },
        { name: 'c', type: 'double' },
      ],
      outputs: [{ name: 'y', type: 'double' }],
    });
    expect(first.datasetVersion).toBe('v-toy0001');
    expect(first.inputExample).toHaveLength(5);
    expect(first.source).toBe(`runs:/${first.runId}/model`);
    expect((await registry.listModels()).map((m) => m.name)).toEqual(['toy']);
  });

  it('refuses what it cannot register, saying why', async () => {
    const { registry, tracker, logRun } = await setup();
    await expect(registry.registerModel('nope', 'toy')).rejects.toThrow(/No run nope/);
    const bare = await tracker.startRun({ name: 'no model' });
    await tracker.endRun();
    await expect(registry.registerModel(bare.id, 'toy')).rejects.toThrow(
      /has no artifact "model\/model.json"; log the model first/,
    );
    const id = await logRun('ok', 1);
    await expect(registry.registerModel(id, '../etc')).rejects.toThrow(/not a model name/);
    await expect(
      registry.registerModel(id, 'toy', { inputExample: [{ a: 1, b: 2 }] }),
    ).rejects.toThrow(/Row 1: "c" is missing/);
  });

  it('resolves version and alias URIs, and explains unknown ones', async () => {
    const { registry, logRun } = await setup();
    await registry.registerModel(await logRun('r1', 0), 'toy', { inputExample: example });
    await registry.registerModel(await logRun('r2', 5), 'toy', { inputExample: example });
    await registry.setAlias('toy', 'challenger', 2);
    expect((await registry.resolve('models:/toy@challenger')).version).toBe(2);
    expect((await registry.resolve('models:/toy/1')).version).toBe(1);
    await expect(registry.resolve('models:/toy/9')).rejects.toThrow(
      /has no version 9 \(it has 1, 2\)/,
    );
    await expect(registry.resolve('models:/toy@champion')).rejects.toThrow(
      /no alias "champion" \(it has challenger\)/,
    );
    await expect(registry.resolve('models:/other/1')).rejects.toThrow(/there are: toy/);
    expect(() => parseModelUri('model:/toy/1')).toThrow(/not a model URI/);
    const predictor = await registry.loadPredictor('models:/toy/1');
    // Least squares recovers y = 3a − 2b + 1 exactly.
    expect(predictor.predict([{ a: 2, b: 1, c: 0 }])[0]).toBeCloseTo(5, 8);
  });

  it('gates the champion alias on passed required tests, and moves aliases', async () => {
    const { registry, logRun } = await setup();
    await registry.registerModel(await logRun('exact', 0), 'toy', { inputExample: example });
    await registry.registerModel(await logRun('mean', 0, 'mean'), 'toy', { inputExample: example });
    await expect(registry.setAlias('toy', 'champion', 1)).rejects.toThrow(/has not been tested/);

    const good = await registry.testVersion('models:/toy/1', passing);
    expect(good.passed).toBe(true);
    expect(good.results.map((r) => r.passed)).toEqual([true, true, true]);
    await registry.setAlias('toy', 'champion', 1);

    // The mean baseline ignores every feature: more `a` does not raise its prediction.
    const bad = await registry.testVersion('models:/toy/2', passing);
    expect(bad.passed).toBe(false);
    const gate = registry.setAlias('toy', 'champion', 2);
    await expect(gate).rejects.toBeInstanceOf(RegistryError);
    await expect(gate).rejects.toThrow(/required tests failed — "more a, more y"/);
    expect((await registry.getModel('toy')).aliases).toEqual({ champion: 1 });

    // A dry run reports without replacing the attached report the gate reads.
    const dry = await registry.testVersion('models:/toy/2', passing.slice(0, 1), { attach: false });
    expect(dry.passed).toBe(true);
    await expect(registry.setAlias('toy', 'champion', 2)).rejects.toThrow(/required tests failed/);

    // An optional failing test reports but does not close the gate.
    const optional = passing.map((t) => (t.kind === 'directional' ? { ...t, required: false } : t));
    expect((await registry.testVersion('models:/toy/2', optional)).passed).toBe(true);
    await registry.setAlias('toy', 'champion', 2);
    expect(await registry.aliasesOf('toy', 2)).toEqual(['champion']);
    expect(await registry.aliasesOf('toy', 1)).toEqual([]);
    await registry.deleteAlias('toy', 'champion');
    expect((await registry.getModel('toy')).aliases).toEqual({});

    // Optional tests alone vouch for nothing: even all passing, they leave the gate closed.
    const allOptional = passing.map((t) => ({ ...t, required: false }));
    const unvouched = await registry.testVersion('models:/toy/1', allOptional);
    expect(unvouched.results.every((r) => r.passed)).toBe(true);
    expect(unvouched.passed).toBe(false);
    await expect(registry.setAlias('toy', 'champion', 1)).rejects.toThrow(
      /all 3 of its tests are optional \(required: false\)\. Mark at least one test required/,
    );
    await expect(registry.testVersion('models:/toy/1', [])).rejects.toThrow(
      /non-empty list of model tests/,
    );
  });

  it('edits a version’s notes and tags, and removes a tag', async () => {
    const { registry, logRun } = await setup();
    await registry.registerModel(await logRun('exact', 0), 'toy', { tags: { owner: 'ana' } });
    await registry.updateVersion('toy', 1, { description: 'Exact fit.', tags: { stage: 'qa' } });
    await registry.updateVersion('toy', 1, { tags: { stage: 'prod' } });
    expect(await registry.getVersion('toy', 1)).toMatchObject({
      description: 'Exact fit.',
      tags: { owner: 'ana', stage: 'prod' },
    });
    expect((await registry.deleteVersionTag('toy', 1, 'owner')).tags).toEqual({ stage: 'prod' });
    await expect(registry.deleteVersionTag('toy', 1, 'owner')).rejects.toThrow(
      /models:\/toy\/1 has no tag "owner" \(it has stage\)/,
    );
    await expect(registry.updateVersion('toy', 1, { tags: { ' ': 'x' } })).rejects.toThrow(
      /" " is not a tag key/,
    );
    expect((await registry.getVersion('toy', 1)).tags).toEqual({ stage: 'prod' });
  });

  it('reports each kind of failure with the row and values that broke it', async () => {
    const { registry, logRun } = await setup();
    await registry.registerModel(await logRun('exact', 0), 'toy', { inputExample: example });
    const report = await registry.testVersion('models:/toy/1', [
      { kind: 'minimum', name: 'positive', expect: { min: 0 } },
      { kind: 'invariance', name: 'a is irrelevant', feature: 'a', values: [0], tolerance: 0.5 },
      { kind: 'directional', name: 'more b, more y', feature: 'b', delta: 1, expect: 'increase' },
    ]);
    const [minimum, invariance, directional] = report.results;
    const noise = await registry.testVersion('models:/toy/1', [
      { kind: 'invariance', name: 'c noise', feature: 'c', deltas: [-0.5, 0.5], tolerance: 1e-6 },
      { kind: 'invariance', name: 'b noise', feature: 'b', deltas: [0.01], tolerance: 0.01 },
    ]);
    expect(noise.results[0]!.message).toBe(
      'Predictions unchanged (±0.000001) when c is moved by -0.5, 0.5.',
    );
    // y moves by 2·0.01 = 0.02 > 0.01 on every row.
    expect(noise.results[1]!.message).toMatch(
      /^5 of 5 predictions moved by more than 0.01 when b is moved by 0.01; the largest move, 0.02, was row \d with b moved by 0.01\.$/,
    );
    // Row 2 of the example is a=1, b=3: y = 3 − 6 + 1 = −2.
    expect(minimum!.message).toContain('1 of 5 predictions outside [0, Infinity]; row 2 gave -2.');
    expect(minimum!.failures).toBe(1);
    expect(invariance!.message).toMatch(/4 of 5 predictions moved by more than 0.5/);
    expect(directional!.failures).toBe(5);
    expect(directional!.message).toMatch(/row 1 went from 1 to -1/);
  });

  it('refuses malformed tests, naming the test and the field', async () => {
    const { registry, logRun } = await setup();
    await registry.registerModel(await logRun('exact', 0), 'toy');
    await expect(registry.testVersion('models:/toy/1', [])).rejects.toThrow(/non-empty list/);
    await expect(
      registry.testVersion('models:/toy/1', [{ kind: 'minimum', name: 'x', expect: {} }]),
    ).rejects.toThrow(/Test 1 \("x"\) is not valid: expect: give min, max or both/);
    await expect(
      registry.testVersion('models:/toy/1', [
        { kind: 'invariance', name: 'i', feature: 'c', rows: example },
      ]),
    ).rejects.toThrow(/Test 1 \("i"\) is not valid: values: give either values .* or deltas/);
    await expect(
      registry.testVersion('models:/toy/1', [
        {
          kind: 'directional',
          name: 'd',
          feature: 'zzz',
          delta: 1,
          expect: 'increase',
          rows: example,
        },
      ]),
    ).rejects.toThrow(/no input "zzz" \(it takes a, b, c\)/);
    await expect(
      registry.testVersion('models:/toy/1', [{ kind: 'minimum', name: 'm', expect: { min: 0 } }]),
    ).rejects.toThrow(/no rows and the version has no input example/);
  });

  it('writes a model card from the registry and the run', async () => {
    const { registry, logRun } = await setup();
    await registry.registerModel(await logRun('exact', 0), 'toy', {
      inputExample: example,
      description: 'Refit nightly.',
    });
    await registry.updateModel('toy', { description: 'Predicts y for the toy lesson.' });
    await registry.testVersion('models:/toy/1', passing);
    await registry.setAlias('toy', 'champion', 1);
    const card = await registry.modelCard('models:/toy@champion');
    expect(card).toContain('# Model card: toy, version 1');
    expect(card).toContain('`models:/toy@champion`');
    expect(card).toContain('Predicts y for the toy lesson.');
    expect(card).toContain('## Version notes\n\nRefit nightly.');
    expect(card).toContain('Data version `v-toy0001`');
    expect(card).toContain('| rmse | 0 |');
    expect(card).toContain('| a | double | input |');
    expect(card).toMatch(/\| more a, more y \| directional \| yes \| pass \|/);
  });
});
