import { from as aqFrom } from 'arquero';
import { expandSweep, runQueued, type SweepSpec, type Trial } from '../pipeline';
import type { PipelineResult } from '../pipeline';
import type { TrackingPort } from '../tracking';
import type { LabContext } from './index';
import { LiveProgress } from './live-progress';
import { labServices } from './services';
import { replaceEarlierRuns } from './tracking';

/**
 * The runs of sweep `sweepId` still RUNNING once its lanes are gone (a lane worker ended mid-run
 * cannot end its run itself): marked KILLED, as MLflow marks a run whose process was stopped.
 * Finished trials keep their status. Returns how many were marked.
 */
export async function killSweepRuns(
  port: TrackingPort,
  sweepId: string,
  now = Date.now(),
): Promise<number> {
  const left = (await port.runs()).filter(
    (r) => r.status === 'RUNNING' && r.tags.sweep === sweepId,
  );
  for (const run of left)
    await port.putRun({
      ...run,
      status: 'KILLED',
      endTime: now,
      tags: { ...run.tags, 'labbook.stopped': 'sweep cancelled from its cell' },
    });
  return left.length;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Grid or random search: one tracked run per trial, queued across lanes (a worker each in the
 * app). Cancel on the cell's bar stops taking trials, ends the lanes (terminating their workers)
 * and marks the runs they left RUNNING as KILLED; the kernel itself keeps running, so the cell
 * gets an error value and every variable stays.
 */
export async function runSweep(
  ctx: LabContext,
  yaml: string,
  spec: SweepSpec,
  options: { show?: boolean } = {},
) {
  const trials = expandSweep(yaml, spec);
  await replaceEarlierRuns(ctx.source);
  const sweepId = `sweep-${Date.now().toString(36)}`;
  const { pipelineLanes, tracking } = labServices();
  const lanes = Array.from({ length: Math.min(pipelineLanes.size, trials.length) }, () =>
    pipelineLanes.open(),
  );
  const free = [...lanes];
  const bar = new LiveProgress(
    ctx.display,
    `Sweep: ${trials.length} trials on ${lanes.length} workers`,
    trials.length,
    'trials',
  );
  const cancel = bar.cancelSignal;
  let finished = 0;
  const report = (trial: Trial, result?: PipelineResult, error?: Error) => {
    // A trial ended by the cancel is not a finished trial.
    if (cancel.aborted) return;
    bar.step(++finished, `trial ${trial.index + 1} ${error ? 'failed' : 'done'}`);
    if (!options.show) return;
    const metrics = Object.entries(result?.metrics.test ?? {})
      .map(([k, v]) => `${k} ${v!.toPrecision(4)}`)
      .join(', ');
    ctx.display(
      `trial ${trial.index + 1}/${trials.length} ${trial.config.name}: ${
        error ? `failed — ${error.message}` : `test ${metrics}`
      }`,
    );
  };
  try {
    const outcomes = await runQueued(
      trials,
      lanes.length,
      async (trial) => {
        if (cancel.aborted) throw cancel.reason as Error;
        const lane = free.pop()!;
        try {
          return await lane.run(trial.config, {
            source: { ...ctx.source },
            tags: { sweep: sweepId, 'sweep.trial': String(trial.index + 1) },
            signal: cancel,
          });
        } finally {
          free.push(lane);
        }
      },
      (trial, { result, error }) => report(trial, result, error),
    );
    if (cancel.aborted) {
      for (const lane of lanes) lane.close();
      await killSweepRuns(tracking, sweepId);
      // Counted from the store: in Node a lane ends its own run KILLED, in the app the kernel does.
      const runs = (await tracking.runs()).filter((r) => r.tags.sweep === sweepId);
      const count = (status: string) => runs.filter((r) => r.status === status).length;
      throw bar.cancelled(
        `${plural(count('FINISHED'), 'finished run')} kept, ${plural(count('KILLED'), 'unfinished run')} marked KILLED, ${plural(trials.length - runs.length, 'trial')} not started`,
      );
    }
    bar.end('done', `${finished} trials`);
    return aqFrom(
      outcomes.map(({ trial, result, error }) => ({
        trial: trial.index + 1,
        ...Object.fromEntries(
          Object.entries(trial.values).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
        ),
        ...Object.fromEntries(
          Object.entries(result?.metrics.test ?? {}).map(([k, v]) => [`test_${k}`, v]),
        ),
        run_id: result?.runId ?? null,
        error: error?.message ?? null,
        sweep: sweepId,
      })),
    );
  } catch (error) {
    bar.end('failed', (error as Error).message);
    throw error;
  } finally {
    for (const lane of lanes) lane.close();
  }
}
