import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  addRegisteredModels,
  memoryRegistryPort,
  ModelRegistry,
  RegistryError,
} from '../../../src/lib/registry';
import { pinMismatch, PREPROCESSING_FORMAT, RUNNING_PINS } from '../../../src/lib/registry/pins';
import { memoryTrackingPort, mlflowStore, Tracker } from '../../../src/lib/tracking';
import { matrix } from '../../../src/lib/train/matrix';
import { fitModel } from '../../../src/lib/train/model';

const rows = Array.from({ length: 20 }, (_, i) => ({ a: i % 7, b: (i * 3) % 5 }));
const X = matrix(rows.length, 2, Float64Array.from(rows.flatMap((r) => [r.a, r.b])));
const y = Float64Array.from(rows, (r) => 3 * r.a - 2 * r.b + 1);
const tfjs = (
  JSON.parse(readFileSync('node_modules/@tensorflow/tfjs/package.json', 'utf8')) as {
    version: string;
  }
).version;

async function registered() {
  const tracking = memoryTrackingPort();
  const port = memoryRegistryPort();
  const tracker = new Tracker(tracking, { now: () => 1_000 });
  const registry = new ModelRegistry(port, tracking, () => 2_000);
  await tracker.setExperiment('toy');
  const run = await tracker.startRun({ name: 'r' });
  await tracker.logArtifact(
    'model/model.json',
    fitModel('ridge', X, y, { features: ['a', 'b'], target: 'y', alpha: 0 }) as object,
  );
  await tracker.endRun();
  const version = await registry.registerModel(`runs:/${run.id}/model`, 'toy', {
    inputExample: rows.slice(0, 2),
  });
  return { registry, port, version, tracking };
}

describe('MLmodel manifest and pins', () => {
  it('records the running TF.js (from its package.json) and preprocessing format at registration', async () => {
    const { version } = await registered();
    expect(version.pins).toEqual({ tfjs, preprocessing: PREPROCESSING_FORMAT });
    expect(RUNNING_PINS.tfjs).toBe(tfjs);
  });

  it('writes an MLflow-style MLmodel: flavor with pins, signature, input example', async () => {
    const { registry } = await registered();
    const doc = parse(await registry.manifest('models:/toy/1')) as {
      artifact_path: string;
      flavors: Record<string, unknown>;
      signature: { inputs: string };
      saved_input_example_info: { artifact_path: string };
      registered_model: unknown;
    };
    expect(doc.artifact_path).toBe('model');
    expect(doc.flavors.mlops_labbook).toEqual({
      model_path: 'model.json',
      model_format: 'mlops-labbook-model',
      tfjs_version: tfjs,
      preprocessing_format: PREPROCESSING_FORMAT,
    });
    expect(JSON.parse(doc.signature.inputs)).toEqual([
      { name: 'a', type: 'double' },
      { name: 'b', type: 'double' },
    ]);
    expect(doc.saved_input_example_info.artifact_path).toBe('input_example.json');
    expect(doc.registered_model).toEqual({
      name: 'toy',
      version: 1,
      source: expect.stringMatching(/^runs:\//),
    });
  });

  it('the MLflow export writes the MLmodel beside the model in the run artifacts', async () => {
    const { port, tracking } = await registered();
    const store = await mlflowStore(tracking);
    await addRegisteredModels(store, port);
    const paths = Object.keys(store.files).filter((p) => p.endsWith('/MLmodel'));
    expect(paths).toEqual([expect.stringMatching(/^mlruns\/1\/[^/]+\/artifacts\/model\/MLmodel$/)]);
    const doc = parse(new TextDecoder().decode(store.files[paths[0]!] as Uint8Array)) as {
      flavors: { mlops_labbook: { model_format: string; tfjs_version: string } };
    };
    expect(doc.flavors.mlops_labbook).toMatchObject({
      model_format: 'mlops-labbook-model',
      tfjs_version: tfjs,
    });
  });

  it('refuses a version whose TF.js minor or preprocessing format differs, saying which and how to fix', async () => {
    const { registry, port, version } = await registered();
    const [major, minor] = tfjs.split('.');
    await port.putVersion({
      ...version,
      pins: { tfjs: `${major}.${Number(minor) + 1}.0`, preprocessing: PREPROCESSING_FORMAT },
    });
    const refused = await registry.loadPredictor('models:/toy/1').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RegistryError);
    expect((refused as RegistryError).code).toBe('pin-mismatch');
    expect((refused as RegistryError).message).toMatch(
      new RegExp(
        `registered with TF.js ${major}\\.${Number(minor) + 1}\\.0; this Labbook runs TF.js ${tfjs.replace(/\./g, '\\.')}.*newer Labbook.*Re-register`,
      ),
    );
    await port.putVersion({
      ...version,
      pins: { tfjs, preprocessing: 'mlops-labbook-pipeline@2' },
    });
    await expect(registry.loadPredictor('models:/toy/1')).rejects.toThrow(
      /preprocessing format "mlops-labbook-pipeline@2"; this Labbook reads mlops-labbook-pipeline@1\. Re-register/,
    );
  });

  it('a patch release of TF.js loads; a version without pins loads with a warning', async () => {
    const { registry, port, version } = await registered();
    const [major, minor] = tfjs.split('.');
    await port.putVersion({
      ...version,
      pins: { tfjs: `${major}.${minor}.999`, preprocessing: PREPROCESSING_FORMAT },
    });
    expect((await registry.loadPredictor('models:/toy/1')).warnings).toEqual([]);
    const { pins: _, ...old } = version;
    await port.putVersion(old);
    const loaded = await registry.loadPredictor('models:/toy/1');
    expect(loaded.predict([{ a: 1, b: 1 }])[0]).toBeCloseTo(2, 6);
    expect(loaded.warnings).toEqual([
      expect.stringMatching(
        /^models:\/toy\/1 has no pinned versions .*Re-register it to pin them\.$/,
      ),
    ]);
    expect(
      parse(await registry.manifest('models:/toy/1')).flavors.mlops_labbook.tfjs_version,
    ).toBeNull();
  });

  it('pinMismatch names an unreadable pin instead of crashing', () => {
    expect(pinMismatch('v', { tfjs: 42 })?.message).toMatch(/unreadable TF\.js pin "42"/);
    expect(pinMismatch('v', null)?.code).toBe('pin-mismatch');
    expect(pinMismatch('v', RUNNING_PINS)).toBeNull();
  });
});
