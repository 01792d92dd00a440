import { ModelRegistry, type ModelTest } from '../registry';
import { labelledTable, recentDataLineage, recentDataName } from '../monitoring';
import {
  parsePipelineConfig,
  runPipeline,
  STEPS,
  type PipelineConfig,
  type StepEvent,
} from '../pipeline';
import type { DagStep } from '../pipeline/dag';
import { simulateTraffic, type RollbackRules } from '../serving';
import type { AlertKind, WindowReport } from '../monitoring';
import { labServices } from './services';
import { kernelRouter } from './serving-router';
import { cellSend } from './rerun-traffic';
import type { RunSource } from '../tracking/types';
import type { DeploymentControl } from '../serving/control';
import { servedOrThrow } from './monitored';
import { LabError } from './errors';

/** Continuous training, step by step: monitoring → alert → data → pipeline → tests → canary → promotion. */
export const LOOP_STEPS = [
  'monitor',
  'alert',
  'recent-data',
  ...STEPS,
  'model-tests',
  'canary',
  'promote',
] as const;

export interface LoopOptions {
  /** The training pipeline's YAML; its data is replaced by the recent labelled requests. */
  config: string;
  /** Which alert kinds start a retraining (default: performance and data drift). */
  triggers?: AlertKind[];
  /** Only requests from this time on are the "recent data" (epoch ms). */
  since?: number;
  /** Tests the new version must pass before it may become champion (default: a range check). */
  tests?: ModelTest[];
  canary?: { percent?: number; plan?: number[]; rollback?: Partial<RollbackRules> };
  /** Traffic replayed to judge the canary, with labels. */
  traffic: { dataset: string; requests?: number; rate?: number; labelDelayMs?: number };
  cache?: boolean;
}

export async function closeLoop(
  endpointName: string,
  windows: WindowReport[],
  options: LoopOptions,
  // A cell's (./rerun-events.ts): running it again replaces the deploy and promotion it made,
  // and the traffic it sent (./rerun-traffic.ts).
  // `signal`: the cell's Cancel, heard between steps, in training and in the canary's traffic.
  cell: { control: DeploymentControl; source?: RunSource; signal?: AbortSignal } = {
    control: kernelRouter().control,
  },
  onStep: (step: DagStep) => void = () => {},
) {
  const { control, signal } = cell;
  // What a cancel leaves behind, as the step reached says it (the cancel message's second half).
  let left = 'retraining was not started and nothing was stored';
  const halt = () => {
    if (signal?.aborted) throw new LabError('cancelled', left);
  };
  const steps = new Map<string, DagStep>(
    LOOP_STEPS.map((s) => [s, { step: s, status: 'not run', detail: '' }]),
  );
  const mark = (step: string, status: DagStep['status'], detail = '') => {
    const s = { step, status, detail };
    steps.set(step, s);
    onStep(s);
  };
  // What the loop made, for a cell to look at or rerun: the data version, the pipeline config.
  const made: { recentData?: string; pipelineConfig?: PipelineConfig; runId?: string } = {};
  const result = () => ({ steps: [...steps.values()], ...made });
  const skipRest = (from: number, why: string) =>
    LOOP_STEPS.slice(from).forEach((s) => mark(s, 'skipped', why));

  const router = kernelRouter();
  const services = labServices();
  const registry = new ModelRegistry(services.registry, services.tracking);
  // An endpoint or a student's own API: the same name monitoring took.
  const served = await servedOrThrow(endpointName);
  const { model, version: stable } = served;

  const last = windows.at(-1);
  mark(
    'monitor',
    'done',
    last
      ? `${windows.length} windows; last ends ${new Date(last.end).toLocaleTimeString()}`
      : 'no full window yet',
  );
  const triggers = options.triggers ?? ['performance', 'data-drift'];
  // Any window of the monitored span counts: one window's evidence is enough to act on.
  const fired = windows.flatMap((w) => w.alerts).filter((a) => triggers.includes(a.kind));
  if (fired.length === 0) {
    mark('alert', 'done', `no ${triggers.join(' or ')} alert in ${windows.length} window(s)`);
    skipRest(2, 'no alert: nothing to retrain');
    return { ...result(), retrained: false as const };
  }
  mark(
    'alert',
    'done',
    `${fired.length} alert(s); window ${fired[0]!.window}: ${fired[0]!.message}`,
  );

  halt();
  await router.flush();
  const predictor = await router.predictor(model, stable);
  const records = await services.serving.requests(
    endpointName,
    options.since === undefined ? {} : { since: options.since },
  );
  const table = labelledTable(
    records,
    predictor.signature.inputs,
    predictor.signature.outputs[0]!.name,
  );
  if (table.rowCount < 30) {
    mark('recent-data', 'failed', `only ${table.rowCount} labelled requests; wait for more labels`);
    skipRest(3, 'not enough recent data');
    return { ...result(), retrained: false as const };
  }
  const recent = await services.catalog.save(
    recentDataName(endpointName),
    table,
    recentDataLineage({
      endpoint: endpointName,
      model,
      version: stable,
      datasetVersion: predictor.version?.datasetVersion ?? null,
      since: options.since ?? null,
      rows: table.rowCount,
    }),
  );
  made.recentData = recent.id;
  mark('recent-data', 'done', `${recent.name} ${recent.id}: ${table.rowCount} labelled requests`);
  const stored = `the recent data ${recent.name}@${recent.id} is stored`;
  left = `${stored}; retraining was not started`;
  halt();

  const config = parsePipelineConfig(options.config);
  const retrain = {
    ...config,
    data: {
      ...config.data,
      dataset: recent.id,
      split: config.data.split === 'course' ? { test_size: 0.3 } : config.data.split,
    },
    register: { name: model },
  };
  made.pipelineConfig = retrain;
  const pipeline = await runPipeline(retrain, services, {
    ...(options.cache ? { cache: true } : {}),
    ...(signal ? { signal } : {}),
    onStep: (e: StepEvent) => {
      if (e.status !== 'running') mark(e.step, e.status, e.detail ?? '');
    },
  }).catch((error: unknown) => {
    left = `${stored}; the retraining run is marked KILLED and registered no version`;
    halt();
    throw error;
  });
  made.runId = pipeline.runId;
  const version = pipeline.version!.version;
  left = `${stored}; v${version} of ${model} is registered (run ${pipeline.runId}) but was not deployed: "${endpointName}" still serves v${stable}`;
  halt();

  const y = Array.from(
    records.filter((r) => r.label !== null),
    (r) => r.label!,
  );
  const [lo, hi] = [Math.min(...y), Math.max(...y)];
  const tests = options.tests ?? [
    {
      kind: 'minimum',
      name: 'within the range of recent labels',
      expect: { min: lo - (hi - lo), max: hi + (hi - lo) },
    },
  ];
  const report = await registry.testVersion(`models:/${model}/${version}`, tests);
  halt();
  if (!report.passed) {
    mark(
      'model-tests',
      'failed',
      report.results
        .filter((r) => !r.passed)
        .map((r) => r.message)
        .join('; '),
    );
    skipRest(LOOP_STEPS.indexOf('canary'), 'the new version failed its tests');
    return { ...result(), retrained: true as const, version, promoted: false };
  }
  mark('model-tests', 'done', `${report.results.length} test(s) passed`);
  if (served.kind === 'student-api') {
    const promoted = await promoteAliases(registry, model, stable, version, mark);
    return { ...result(), ...promoted };
  }

  const canary = options.canary ?? {};
  await control.deploy(
    endpointName,
    {
      strategy: 'canary',
      stable,
      canary: version,
      percent: canary.percent ?? 20,
      plan: canary.plan ?? [20, 50, 100],
      rollback: { maxLabelErrorRatio: 1.1, minRequests: 20, ...canary.rollback },
    },
    `retraining after: ${fired[0]!.message}`,
  );
  const { signature } = predictor;
  const traffic = await simulateTraffic(
    {
      endpoint: endpointName,
      dataset: options.traffic.dataset,
      rate: options.traffic.rate ?? 250,
      requests: options.traffic.requests ?? 400,
      labelDelayMs: options.traffic.labelDelayMs ?? 100,
      users: 400,
      seed: 7,
      order: 'shuffled',
    },
    {
      send: cellSend((req) => router.handle(req), cell.source),
      catalog: services.catalog,
      inputs: signature.inputs,
      target: signature.outputs[0]!.name,
      ...(signal ? { signal } : {}),
    },
  );
  await router.flush();
  const after = await router.control.endpoint(endpointName);
  if (after.deployment.strategy !== 'canary') {
    const why = (await router.control.events(endpointName)).at(-1)?.reason ?? 'rolled back';
    mark('canary', 'failed', why);
    mark('promote', 'skipped', 'the canary was rolled back');
    return { ...result(), retrained: true as const, version, promoted: false };
  }
  if (signal?.aborted) {
    // A canary half judged is no verdict: the stable version takes all traffic back.
    await control.rollback(endpointName, 'continuous training cancelled from its cell');
    left = `${stored}; v${version} of ${model} is registered (run ${pipeline.runId}); its canary was rolled back after ${traffic.answered + traffic.failed} requests, so "${endpointName}" serves v${stable} alone`;
    halt();
  }
  mark(
    'canary',
    'done',
    `v${version} answered ${traffic.byVariant[`canary v${version}`] ?? 0} of ${traffic.answered} requests without breaking a rule`,
  );
  await control.promote(endpointName, 'canary passed after retraining');
  mark('promote', 'done', `v${version} serves all traffic and is champion`);
  return { ...result(), retrained: true as const, version, promoted: true };
}

/**
 * A student API has no traffic split to canary on: its api.js loads `models:/<model>@<alias>`.
 * The tested version takes over each alias that named the version it served (through the
 * registry's champion gate), so the API serves it from its next request; a canary is a CD
 * workflow's job on an endpoint (`labbook deploy … --canary`).
 */
async function promoteAliases(
  registry: ModelRegistry,
  model: string,
  stable: number,
  version: number,
  mark: (step: string, status: DagStep['status'], detail?: string) => void,
) {
  mark(
    'canary',
    'skipped',
    'a student API has no traffic split: its api.js loads the model by alias',
  );
  const aliases = Object.entries((await registry.getModel(model)).aliases)
    .filter(([, v]) => v === stable)
    .map(([alias]) => alias);
  if (aliases.length === 0) {
    mark(
      'promote',
      'skipped',
      `no alias of ${model} names v${stable}, the version the API served: set one (models:/${model}@champion) to move`,
    );
    return { retrained: true as const, version, promoted: false };
  }
  for (const alias of aliases) await registry.setAlias(model, alias, version);
  mark(
    'promote',
    'done',
    `${aliases.map((a) => `@${a}`).join(', ')} → v${version}: the API's next requests load it`,
  );
  return { retrained: true as const, version, promoted: true };
}
