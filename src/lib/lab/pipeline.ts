import { from as aqFrom } from 'arquero';
import {
  parsePipelineConfig,
  runPipeline,
  STEPS,
  type PipelineResult,
  type StepEvent,
} from '../pipeline';
import { defineLabNamespace } from './index';
import { labServices } from './services';

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

defineLabNamespace('pipeline', (ctx) => ({
  /** Parses and checks a YAML config without running it; errors name line and field. */
  parse: (yaml: string) => parsePipelineConfig(yaml),
  /** Runs a YAML config as one tracked run; `show: true` prints each step as it finishes. */
  async run(
    yaml: string,
    options: { show?: boolean } = {},
  ): Promise<PipelineResult & { steps: StepEvent[] }> {
    const { catalog, tracking, registry, fitMlp } = labServices();
    const steps: StepEvent[] = [];
    const result = await runPipeline(
      yaml,
      { catalog, tracking, registry, fitMlp },
      {
        source: ctx.source ?? {},
        onStep: (event) => {
          steps.push(event);
          if (options.show && event.status !== 'running')
            ctx.display(
              `${event.step}: ${event.status}${event.detail ? ` — ${event.detail}` : ''}`,
            );
        },
      },
    );
    return { ...result, steps };
  },
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
