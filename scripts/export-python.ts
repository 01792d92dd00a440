/**
 * Exports a pipeline run or a registered model version as a Python project — the same code as
 * the Runs and Models pages' button and `lab.export.python` in cells.
 *
 *   npm run export:python -- --workspace labbook-workspace.zip --run <run id> --out dir
 *   npm run export:python -- --workspace labbook-workspace.zip --model models:/name@champion --out dir
 *   npm run export:python -- --config pipeline.yaml --out dir      (runs the config headless first)
 */
import 'fake-indexeddb/auto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataCatalog, openShippedStream } from '../src/lib/data/catalog';
import { exportPythonProject } from '../src/lib/export/python/write';
import type { ExportServices } from '../src/lib/export/python/gather';
import { runPipeline } from '../src/lib/pipeline';
import {
  dexieDataPort,
  dexieRegistryPort,
  dexieTrackingPort,
  importWorkspace,
  openDatabase,
} from '../src/lib/store';
import { useNodeServices } from './lesson-runner/node-services';

const USAGE =
  'Usage: npm run export:python -- (--workspace <file.zip> (--run <id> | --model <models:/…>) | --config <pipeline.yaml>) --out <dir>';

function fail(message: string): never {
  console.error(`export:python: ${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    workspace: { type: 'string' },
    run: { type: 'string' },
    model: { type: 'string' },
    config: { type: 'string' },
    out: { type: 'string' },
  },
});
if (!values.out) fail('--out is required.');
if (!!values.config === !!values.workspace) fail('give either --workspace or --config.');

const openShipped = async (file: string) =>
  openShippedStream(new Response(readFileSync(`datasets/${file}`)), file);

async function services(): Promise<{ services: ExportServices; ref: string }> {
  if (values.config) {
    const node = useNodeServices();
    const result = await runPipeline(readFileSync(values.config, 'utf8'), node, {
      file: values.config,
    });
    console.log(`Ran ${values.config}: run ${result.runId}`);
    return {
      services: node,
      ref: result.version
        ? `models:/${result.version.name}/${result.version.version}`
        : result.runId,
    };
  }
  const ref = values.run ?? values.model;
  if (!ref || (values.run && values.model)) fail('give one of --run or --model with --workspace.');
  const db = openDatabase();
  await importWorkspace(db, new Uint8Array(readFileSync(values.workspace!)), { mode: 'replace' });
  return {
    services: {
      catalog: new DataCatalog({ port: dexieDataPort(db), openShipped }),
      tracking: dexieTrackingPort(db),
      registry: dexieRegistryPort(db),
    },
    ref,
  };
}

try {
  const { services: s, ref } = await services();
  const project = await exportPythonProject(s, ref);
  const out = resolve(values.out!);
  for (const [path, text] of Object.entries(project.files)) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), text);
  }
  console.log(`Wrote ${Object.keys(project.files).length} files to ${out} (run ${project.runId}).`);
  console.log(`Next: cd ${out} && python3 train.py && python3 -m pytest -q`);
} catch (error) {
  fail((error as Error).message);
}
