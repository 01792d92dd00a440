import { from as aqFrom } from 'arquero';
import {
  parsePipelineConfig,
  rescoreRun,
  runPipeline,
  STEPS,
  type SweepSpec,
  type PipelineConfig,
  type PipelineResult,
  type StepEvent,
} from '../pipeline';
import { MLP_DEFAULTS } from '../train/mlp';
import { GBDT_DEFAULTS } from '../train/gbdt/params';
import { LiveLoss } from './live-loss';
import { LiveProgress } from './live-progress';
import { runSweep } from './sweep';
import { LabError } from './errors';
import { PipelineStopped } from '../pipeline/run';
import { dagLayout, STATUS_COLOURS, type DagNode, type DagStep } from '../pipeline/dag';
import { rankedImportances } from '../train/gbdt/importance-chart';
import type { PipelineModelState } from '../train/pipeline-model';
import * as Plot from '../kernel/plot';
import { defineLabNamespace } from './index';
import { labServices } from './services';
import { replaceEarlierRuns } from './tracking';
import { reRegistered } from './rerun-versions';
import { ModelRegistry } from '../registry';

/** Step events as a table a cell can show: one row per step, in pipeline order. */
function stepsTable(events: StepEvent[]) {
  const last = new Map(events.map((e) => [e.step, e]));
  return aqFrom(
    STEPS.map((step) => ({
      step,
      status: last.get(step)?.status ?? 'not run',
      detail: last.get(step)?.detail ?? '',
    })),
  );
}

/** Steps as a DAG chart: a box per step coloured by status (done, cached, skipped, failed…). */
export function dagChart(steps: readonly DagStep[], title = 'Pipeline') {
  const { nodes, edges } = dagLayout(steps);
  const w = 0.42;
  const h = 0.28;
  return Plot.plot({
    title,
    width: 900,
    height: 120 + 110 * (Math.max(...nodes.map((n) => n.y)) + 1),
    x: { axis: null, domain: [-0.6, 4.6] },
    y: { axis: null, reverse: true, domain: [-0.6, Math.max(...nodes.map((n) => n.y)) + 0.6] },
    color: {
      domain: Object.keys(STATUS_COLOURS),
      range: Object.values(STATUS_COLOURS),
      legend: true,
    },
    marks: [
      Plot.arrow(edges, {
        x1: ([a]: [DagNode, DagNode]) => a.x,
        y1: ([a]: [DagNode, DagNode]) => a.y,
        x2: ([, b]: [DagNode, DagNode]) => b.x,
        y2: ([, b]: [DagNode, DagNode]) => b.y,
        inset: 38,
        stroke: '#6b7280',
      }),
      Plot.rect(nodes, {
        x1: (n: { x: number }) => n.x - w,
        x2: (n: { x: number }) => n.x + w,
        y1: (n: { y: number }) => n.y - h,
        y2: (n: { y: number }) => n.y + h,
        fill: 'status',
        stroke: '#374151',
        rx: 6,
        title: (n: DagStep) => `${n.step}: ${n.status}${n.detail ? ` — ${n.detail}` : ''}`,
      }),
      Plot.text(nodes, {
        x: 'x',
        y: 'y',
        text: (n: DagStep) => `${n.step}\n${n.status}`,
        fontSize: 13,
      }),
    ],
  });
}

/** A boosted-trees model's gain importances as a bar chart, largest first; null for other kinds. */
export function importanceChart(model: PipelineModelState) {
  const trees = model.model.gbdt;
  if (!trees) return null;
  const rows = rankedImportances(model.design, trees.importances);
  return Plot.plot({
    title: 'Feature importance (share of split gain)',
    marginLeft: 12 + 7 * Math.min(30, Math.max(...rows.map((r) => r.feature.length))),
    x: { label: 'share of gain', percent: true, grid: true },
    y: { label: null, domain: rows.map((r) => r.feature) },
    marks: [Plot.barX(rows, { x: 'importance', y: 'feature', fill: '#4269d0' }), Plot.ruleX([0])],
  });
}

defineLabNamespace('pipeline', (ctx) => ({
  /** Boosted trees' feature importances as a bar chart (what `run` with `show` draws). */
  importances: importanceChart,
  /** The steps of a run (or of the loop) as a DAG chart, coloured by status. */
  dag: (steps: StepEvent[], title?: string) =>
    dagChart(
      STEPS.map((step) => {
        const last = steps.filter((e) => e.step === step).at(-1);
        return { step, status: last?.status ?? 'not run', detail: last?.detail ?? '' };
      }),
      title,
    ),
  /** Parses and checks a YAML config without running it; errors name line and field. */
  parse: (yaml: string) => parsePipelineConfig(yaml),
  /**
   * A finished run's stored model scored again on the test rows of its own config and data
   * version: what a run's logged metric claims, checked.
   */
  rescore: (runId: string) => {
    const { catalog, tracking } = labServices();
    return rescoreRun(runId, { catalog, tracking });
  },
  /** Runs a YAML config as one tracked run; `show: true` prints each step as it finishes. */
  async run(
    yaml: string | PipelineConfig,
    options: { show?: boolean; cache?: boolean } = {},
  ): Promise<PipelineResult & { steps: StepEvent[] }> {
    const { catalog, tracking, registry, fitMlp, fitGbdt } = labServices();
    const steps: StepEvent[] = [];
    // Run again, a cell replaces its earlier runs and keeps the version they registered.
    await replaceEarlierRuns(ctx.source);
    // Steps done with a Cancel in the cell; the MLP's loss curve, once training starts, has one
    // too. Either stops the pipeline, which marks its run KILLED.
    const bar = new LiveProgress(ctx.display, 'Pipeline', STEPS.length, 'steps');
    const cancel = new AbortController();
    const cancelFrom = (signal: AbortSignal) =>
      signal.addEventListener('abort', () =>
        cancel.abort(new PipelineStopped('The pipeline was cancelled from the cell.')),
      );
    cancelFrom(bar.cancelSignal);
    let finished = 0;
    // The loss per epoch in the cell as it arrives, for a config that trains an MLP.
    let live = null as LiveLoss | null;
    let result: PipelineResult;
    try {
      result = await runPipeline(
        yaml,
        { catalog, tracking, registry, fitMlp, ...(fitGbdt ? { fitGbdt } : {}) },
        {
          source: { ...ctx.source },
          signal: cancel.signal,
          ...(options.cache ? { cache: true } : {}),
          reuseVersion: (source, name) =>
            reRegistered(new ModelRegistry(registry, tracking), source, name),
          onEpoch: (r) => {
            if (!live) {
              // Training has started, so the config has already been parsed and checked.
              const config = typeof yaml === 'string' ? parsePipelineConfig(yaml) : yaml;
              // Boosted trees report a boosting round as an epoch: count and name them as rounds.
              const trees = config.model.kind === 'gbdt';
              const epochs = trees
                ? (config.model.max_iter ?? GBDT_DEFAULTS.max_iter)
                : (config.model.epochs ?? MLP_DEFAULTS.epochs);
              const title = trees ? 'boosted trees: loss per round' : 'MLP loss per epoch';
              live = new LiveLoss(ctx.display, `${config.name}: ${title}`, epochs);
              cancelFrom(live.cancelSignal);
            }
            live.epoch(r);
          },
          onStep: (event) => {
            steps.push(event);
            if (event.status !== 'running') bar.step(++finished, `${event.step}: ${event.status}`);
            if (live && event.step === 'train' && event.status !== 'running')
              live.end(event.status === 'failed' ? 'failed' : 'done', event.detail ?? null);
            if (options.show && event.status !== 'running')
              ctx.display(
                `${event.step}: ${event.status}${event.detail ? ` — ${event.detail}` : ''}`,
              );
          },
        },
      );
    } catch (error) {
      const status = cancel.signal.aborted ? 'stopped' : 'failed';
      bar.end(status, (error as Error).message);
      (live as LiveLoss | null)?.end(status, (error as Error).message);
      if (status === 'failed') throw error;
      const step = steps.findLast((e) => e.status === 'running')?.step;
      throw new LabError(
        'run-killed',
        `The pipeline was cancelled from the cell${step ? ` in its ${step} step` : ''}; its run is marked KILLED. The kernel and your variables are intact.`,
        { cause: error },
      );
    }
    bar.end('done', `run ${result.runId}`);
    const chart = options.show ? importanceChart(result.model) : null;
    if (chart) ctx.display(chart);
    return { ...result, steps };
  },
  /**
   * Grid or random search: one tracked run per trial, queued across workers (one per core).
   * Trials are tagged `sweep` so the Runs page can filter and compare them.
   */
  sweep: (yaml: string, spec: SweepSpec, options: { show?: boolean } = {}) =>
    runSweep(ctx, yaml, spec, options),
  stepsTable,
  /** Test metrics of a result, with the mean baseline's beside them. */
  metricsTable: (result: PipelineResult) =>
    aqFrom(
      Object.keys(result.metrics.test).map((metric) => ({
        metric,
        train: result.metrics.train[metric as never] ?? null,
        test: result.metrics.test[metric as never] ?? null,
        baseline_test: result.metrics.baseline[metric as never] ?? null,
      })),
    ),
}));
