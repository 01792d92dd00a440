import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DataCatalog, openShippedStream } from '../../../src/lib/data/catalog';
import { runPipeline } from '../../../src/lib/pipeline';
import {
  dexieDataPort,
  dexieRegistryPort,
  dexieTrackingPort,
  exportWorkspace,
  openDatabase,
} from '../../../src/lib/store';
import { debianPython, run } from './python-harness';

const OLS = `
name: diabetes-ols
random_state: 42
data: { dataset: diabetes, split: course }
features:
  target: target
  passthrough: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]
model: { kind: linear }
metrics: [mse, r2]
register: { name: diabetes-progression }
`;

it('npm run export:python exports a model version from a workspace file, as the pages do', async () => {
  const python = debianPython();
  const db = openDatabase();
  const catalog = new DataCatalog({
    port: dexieDataPort(db),
    openShipped: async (file) =>
      openShippedStream(new Response(readFileSync(`datasets/${file}`)), file),
  });
  const result = await runPipeline(OLS, {
    catalog,
    tracking: dexieTrackingPort(db),
    registry: dexieRegistryPort(db),
  });
  const dir = mkdtempSync(join(tmpdir(), 'labbook-cli-'));
  writeFileSync(join(dir, 'workspace.zip'), await exportWorkspace(db));
  const out = join(dir, 'project');
  const cli = (...args: string[]) =>
    spawnSync('npx', ['tsx', 'scripts/export-python.ts', ...args], { encoding: 'utf8' });
  const missing = cli('--workspace', join(dir, 'workspace.zip'), '--run', 'nope', '--out', out);
  expect(missing.status).toBe(2);
  expect(missing.stderr).toMatch(/There is no run "nope"/);
  const ok = cli(
    '--workspace',
    join(dir, 'workspace.zip'),
    '--model',
    'models:/diabetes-progression/1',
    '--out',
    out,
  );
  expect(ok.stderr).toBe('');
  expect(ok.stdout).toMatch(new RegExp(`run ${result.runId}`));
  run(python, ['train.py'], out);
  const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as {
    test: Record<string, number>;
  };
  expect(Math.abs(metrics.test.mse! - result.metrics.test.mse!)).toBeLessThanOrEqual(1e-6);
  rmSync(dir, { recursive: true, force: true });
}, 300_000);
