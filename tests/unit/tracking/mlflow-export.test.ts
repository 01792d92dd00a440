import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addRegisteredModels, memoryRegistryPort } from '../../../src/lib/registry';
import {
  memoryTrackingPort,
  mlflowStore,
  Tracker,
  zipMlflowStore,
  type Run,
  type TrackingPort,
} from '../../../src/lib/tracking';

const T0 = 1_700_000_000_000;
/** Keys a database written before the Labbook checked names may hold. */
const OLD_KEYS = [
  'model:kind',
  'learning rate (lr)',
  'rmse@test',
  'note#1',
  'a//b',
  '../x',
  '/abs',
  '',
  'x'.repeat(300),
  'ä'.repeat(200),
  'RMSE',
  'rmse',
  'cv',
  'cv/fold',
  '__proto__',
  'constructor',
];
const HOSTILE_RUN_NAME = `say "hi"\n'there' \\ \u0007 \u0085 \u{1F600} \uD800 end`;

/** A run stored as an older Labbook stored it: straight through the port, nothing checked. */
async function oldRun(port: TrackingPort, experimentId: string): Promise<Run> {
  const entries = (value: (k: string) => unknown) =>
    Object.fromEntries(OLD_KEYS.map((k) => [k, value(k)]));
  const run: Run = {
    id: 'a'.repeat(32),
    experimentId,
    name: HOSTILE_RUN_NAME,
    status: 'FINISHED',
    startTime: T0,
    endTime: T0 + 5000,
    source: { lessonId: 'x' },
    params: entries((k) => `p ${k.length}`) as Record<string, string>,
    tags: entries(() => 't') as Record<string, string>,
    metrics: entries(() => ({
      value: 1,
      step: 1,
      timestamp: T0,
      min: 1,
      max: 1,
    })) as Run['metrics'],
    deletedAt: null,
  };
  await port.putRun(run);
  await port.appendMetrics(
    OLD_KEYS.flatMap((key) => [
      { runId: run.id, key, step: 0.5, value: Number.NaN, timestamp: T0 },
      { runId: run.id, key, step: 1e21, value: Infinity, timestamp: T0 + 1 },
    ]),
  );
  for (const path of ['../escape.txt', 'a//b.txt', 'ok/fine.txt'])
    await port.putArtifact(
      { runId: run.id, path, mime: 'text/plain', size: 1, createdAt: T0 },
      new TextEncoder().encode(path),
    );
  return run;
}

async function hostileExport() {
  const port = memoryTrackingPort();
  let t = T0;
  const tr = new Tracker(port, { now: () => (t += 1000) });
  const experiment = await tr.setExperiment(`it's "quoted"\n`);
  const fresh = await tr.startRun({ name: '__proto__', tags: { constructor: 'c' } });
  await tr.logParams({ alpha: 0.1, __proto__x: 1 });
  await tr.logMetrics({ loss: Infinity, 'cv/fold 1': -Infinity }, -2);
  await tr.logArtifact('model/model.json', { w: [1] });
  await tr.endRun();
  const old = await oldRun(port, experiment.id);
  const registry = memoryRegistryPort();
  await registry.putModel({
    name: 'taxi fare',
    description: 'line one\nline "two"',
    tags: { 'owner:team': 'ml', stage: 'dev' },
    aliases: { champion: 1 },
    createdAt: T0,
    updatedAt: T0 + 1,
  });
  await registry.putVersion({
    name: 'taxi fare',
    version: 1,
    runId: fresh.id,
    source: `runs:/${fresh.id}/model`,
    artifactPath: 'model/model.json',
    datasetVersion: null,
    signature: { inputs: [], outputs: [] },
    inputExample: [],
    description: '',
    tags: { 'validated@': 'yes' },
    createdAt: T0 + 2,
    tests: null,
  });
  const store = await mlflowStore(port);
  await addRegisteredModels(store, registry);
  return { zip: zipMlflowStore(store), fresh, old };
}

/** MLflow's name check, written again here (not imported) from mlflow/utils/validation.py. */
const mlflowName = (name: string) =>
  /^[/\p{L}\p{N}_.\- ]*$/u.test(name) &&
  name.length <= 250 &&
  name.split('/').every((p) => p !== '' && p !== '.' && p !== '..');

describe('MLflow export of hostile names', () => {
  it('writes only names MLflow reads, renaming old ones deterministically and listing each', async () => {
    const { zip, old } = await hostileExport();
    const files = unzipSync(zip);
    const dir = `mlruns/1/${old.id}`;
    for (const path of Object.keys(files)) {
      const keyed =
        /^mlruns\/(?:\d+\/\w+|models\/[^/]+(?:\/version-\d+)?)\/(params|metrics|tags)\/(.+)$/.exec(
          path,
        );
      if (keyed) expect(mlflowName(keyed[2]!), path).toBe(true);
      expect(path.split('/')).not.toContain('..');
    }
    expect(Object.keys(files)).toContain('mlruns/.trash/');
    // Every old key is kept, under its own file: 16 keys, 16 files.
    expect(Object.keys(files).filter((f) => f.startsWith(`${dir}/params/`))).toHaveLength(16);
    expect(strFromU8(files[`${dir}/params/model_kind`]!)).toBe('p 10');
    expect(files[`${dir}/params/rmse_2`] ?? files[`${dir}/params/RMSE_2`]).toBeDefined();
    const readme = strFromU8(files['README.md']!);
    expect(readme).toContain(`param "model:kind" → "model_kind"`);
    expect(readme).toContain(`registered model "taxi fare" tag "owner:team" → "owner_team"`);
    expect(readme).toMatch(/metric "rmse@test" step 0.5 written as 1/);
    expect(readme).toMatch(/artifact "\.\.\/escape\.txt" → "escape\.txt"/);
    // The same database exports the same names.
    expect(strFromU8(unzipSync((await hostileExport()).zip)['README.md']!)).toBe(readme);
  });

  it('round-trips names and values through meta.yaml and metric lines exactly', async () => {
    const { zip, old, fresh } = await hostileExport();
    const files = unzipSync(zip);
    expect(parse(strFromU8(files[`mlruns/1/${old.id}/meta.yaml`]!)).run_name).toBe(
      HOSTILE_RUN_NAME.replace('\uD800', '\uFFFD'),
    );
    expect(parse(strFromU8(files['mlruns/1/meta.yaml']!)).name).toBe(`it's "quoted"\n`);
    const run = parse(strFromU8(files[`mlruns/1/${fresh.id}/meta.yaml`]!));
    expect(run).toMatchObject({
      run_name: '__proto__',
      artifact_uri: `mlruns/1/${fresh.id}/artifacts`,
    });
    expect(strFromU8(files[`mlruns/1/${fresh.id}/metrics/loss`]!)).toMatch(/^\d+ Infinity -2\n$/);
    expect(strFromU8(files[`mlruns/1/${fresh.id}/tags/constructor`]!)).toBe('c');
    const version = parse(strFromU8(files['mlruns/models/taxi fare/version-1/meta.yaml']!));
    expect(version).toMatchObject({
      name: 'taxi fare',
      version: 1,
      run_id: fresh.id,
      source: `runs:/${fresh.id}/model`,
      storage_location: `mlruns/1/${fresh.id}/artifacts/model`,
      current_stage: 'None',
    });
    expect(strFromU8(files['mlruns/models/taxi fare/aliases/champion']!)).toBe('1');
  });

  /**
   * The same export read by scripts/reference/mlflow_filestore.py: MLflow's FileStore reader
   * checks re-implemented in Python (MLflow itself cannot be installed here), on Debian's python3.
   */
  const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  // Never skipped: without the reader, nothing would prove the export opens in MLflow's layout.
  const requirePython = () => {
    const python = spawnSync(PYTHON, ['-c', 'import yaml'], { encoding: 'utf8' });
    expect(
      python.status,
      `${PYTHON} with PyYAML is needed to read the export (apt-get install -y python3 python3-yaml): ${python.stderr ?? python.error}`,
    ).toBe(0);
  };
  it('is read without a problem by the reference reader', async () => {
    requirePython();
    const { zip, old, fresh } = await hostileExport();
    const path = join(mkdtempSync(join(tmpdir(), 'mlflow-')), 'export.zip');
    writeFileSync(path, zip);
    const result = spawnSync(PYTHON, ['scripts/reference/mlflow_filestore.py', path], {
      encoding: 'utf8',
    });
    const report = JSON.parse(result.stdout) as {
      problems: string[];
      store: { experiments: Record<string, { runs: Record<string, Record<string, never>> }> };
    };
    expect(report.problems).toEqual([]);
    expect(result.status).toBe(0);
    const runs = report.store.experiments['1']!.runs;
    expect(Object.keys(runs[old.id]!['params']!)).toHaveLength(16);
    expect(runs[old.id]!['name']).toBe(HOSTILE_RUN_NAME.replace('\uD800', '\uFFFD'));
    expect(runs[fresh.id]!['metrics']!['loss']).toEqual([[T0 + 3000, 'inf', -2]]);
  });

  it('opens from any working directory after relocate_artifacts.py', async () => {
    requirePython();
    const { zip, fresh } = await hostileExport();
    const top = mkdtempSync(join(tmpdir(), 'mlflow-'));
    for (const [path, bytes] of Object.entries(unzipSync(zip))) {
      if (path.endsWith('/')) mkdirSync(join(top, path), { recursive: true });
      else {
        mkdirSync(dirname(join(top, path)), { recursive: true });
        writeFileSync(join(top, path), bytes);
      }
    }
    const script = join(process.cwd(), 'scripts/reference/mlflow_filestore.py');
    const relocate = spawnSync(PYTHON, [join(top, 'relocate_artifacts.py')], {
      cwd: tmpdir(),
      encoding: 'utf8',
    });
    expect(relocate.stdout).toMatch(/^\d+ meta.yaml files now point at file:\/\//);
    const meta = parse(readFileSync(join(top, `mlruns/1/${fresh.id}/meta.yaml`), 'utf8'));
    expect(meta.artifact_uri).toBe(`file://${top}/mlruns/1/${fresh.id}/artifacts`);
    const result = spawnSync(PYTHON, [script, top], { cwd: tmpdir(), encoding: 'utf8' });
    expect(JSON.parse(result.stdout).problems).toEqual([]);
  });
});
