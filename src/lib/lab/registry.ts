import { from as aqFrom, type ColumnTable } from 'arquero';
import { Markdown } from '../kernel/to-output';
import {
  ModelRegistry,
  type ModelTestReport,
  type ModelVersion,
  type RegisterOptions,
} from '../registry';
import type { ModelState } from '../train/model';
import { defineLabNamespace, type LabContext } from './index';
import { Model } from './ml';
import { labServices } from './services';
import { reRegistered } from './rerun-versions';

let current: { port: unknown; registry: ModelRegistry } | undefined;

function registry(): ModelRegistry {
  const { registry: port, tracking } = labServices();
  if (current?.port !== port) current = { port, registry: new ModelRegistry(port, tracking) };
  return current.registry;
}

/** Cells pass tables where the registry takes rows: `inputExample: test.slice(0, 5)`. */
function rowsOf(example: unknown): Record<string, number>[] | undefined {
  if (example === undefined) return undefined;
  const table = example as Partial<ColumnTable>;
  return typeof table.objects === 'function'
    ? (table.objects() as Record<string, number>[])
    : (example as Record<string, number>[]);
}

function versionsTable(versions: ModelVersion[], aliases: Record<string, number>): ColumnTable {
  return aqFrom(
    versions.map((v) => ({
      version: v.version,
      aliases: Object.keys(aliases)
        .filter((a) => aliases[a] === v.version)
        .join(', '),
      run_id: v.runId,
      data_version: v.datasetVersion,
      tests: v.tests ? (v.tests.passed ? 'passed' : 'failed') : 'not run',
      registered: new Date(v.createdAt),
      description: v.description,
    })),
  );
}

/** A loaded version's warnings (no pinned versions) under the cell, as the cell's console.warn. */
function warnInCell(ctx: LabContext, warnings: readonly string[]) {
  const warn = (ctx.console as { warn?: (...args: unknown[]) => void } | undefined)?.warn;
  for (const warning of warnings) (warn ?? ((w: unknown) => ctx.display(w)))(warning);
}

defineLabNamespace('registry', (ctx) => ({
  registerModel: async (
    source: string,
    name: string,
    options: Omit<RegisterOptions, 'inputExample'> & { inputExample?: unknown } = {},
  ) => {
    const again = await reRegistered(registry(), source, name);
    if (again) return again;
    const { inputExample: example, ...rest } = options;
    const inputExample = rowsOf(example);
    return registry().registerModel(source, name, {
      ...rest,
      ...(inputExample ? { inputExample } : {}),
    });
  },
  /** A registered model (or a run's) as a lab.ml model: predict and evaluate in cells. */
  async loadModel(uri: string): Promise<Model> {
    const { json, warnings } = await registry().loadPredictor(uri);
    warnInCell(ctx, warnings);
    return new Model(json as ModelState);
  },
  getModel: (name: string) => registry().getModel(name),
  getVersion: (uri: string) => registry().resolve(uri),
  async models() {
    return aqFrom(
      (await registry().listModels()).map((m) => ({
        name: m.name,
        aliases: Object.entries(m.aliases)
          .map(([a, v]) => `${a} → ${v}`)
          .join(', '),
        description: m.description,
        updated: new Date(m.updatedAt),
      })),
    );
  },
  async versions(name: string) {
    const r = registry();
    return versionsTable(await r.versions(name), (await r.getModel(name)).aliases);
  },
  setAlias: (name: string, alias: string, version: number) =>
    registry().setAlias(name, alias, version),
  deleteAlias: (name: string, alias: string) => registry().deleteAlias(name, alias),
  updateModel: (name: string, changes: { description?: string; tags?: Record<string, string> }) =>
    registry().updateModel(name, changes),
  updateVersion: (
    name: string,
    version: number,
    changes: { description?: string; tags?: Record<string, string> },
  ) => registry().updateVersion(name, version, changes),
  deleteVersionTag: (name: string, version: number, key: string) =>
    registry().deleteVersionTag(name, version, key),
  testModel: (uri: string, tests: unknown, options?: { attach?: boolean }) =>
    registry().testVersion(uri, tests, options),
  testsTable: (report: ModelTestReport) =>
    aqFrom(
      report.results.map((r) => ({
        test: r.name,
        kind: r.kind,
        required: r.required,
        result: r.passed ? 'pass' : 'FAIL',
        failures: r.failures,
        checked: r.checked,
        details: r.message,
      })),
    ),
  async modelCard(uri: string) {
    return new Markdown(await registry().modelCard(uri));
  },
  /** The version's MLmodel (flavor, signature, input example, pinned versions) as YAML text. */
  manifest: (uri: string) => registry().manifest(uri),
}));
