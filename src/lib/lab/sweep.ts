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
 * cannot end its run itself). A run whose trial failed in its lane (`failures`, by trial number:
 * a crashed worker) is marked FAILED with the reason; any other was stopped by the cancel and is
 * marked KILLED, as MLflow marks a run whose process was stopped. Finished trials keep their
 * status. Returns how many were marked KILLED.
 */
export async function settleSweepRuns(
  port: TrackingPort,
  sweepId: string,
  failures: ReadonlyMap<string, string> = new Map(),
  now = Date.now(),
): Promise<number> {
  const left = (await port.runs()).filter(
    (r) => r.status === 'RUNNING' && r.tags.sweep === sweepId,
  );
  let killed = 0;
  for (const run of left) {
    const failure = failures.get(run.tags['sweep.trial'] ?? '');
    if (failure === undefined) killed++;
    await port.putRun({
      ...run,
      status: failure === undefined ? 'KILLED' : 'FAILED',
      endTime: now,
      tags: {
        ...run.tags,
        ...(failure === undefined
          ? { 'labbook.stopped': 'sweep cancelled from its cell' }
          : { error: failure.slice(0, 500) }),
      },
    });
  }
  return killed;
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
  // Trials that failed in their lane, by trial number (the runs' `sweep.trial` tag): the reason.
  const failures = new Map<string, string>();
  const report = (trial: Trial, result?: PipelineResult, error?: Error) => {
    // A trial ended by the cancel is not a finished trial.
    if (cancel.aborted) return;
    if (error) failures.set(String(trial.index + 1), error.message);
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
    for (const lane of lanes) lane.close();
    await settleSweepRuns(tracking, sweepId, failures);
    if (cancel.aborted) {
      // Counted from the store: in Node a lane ends its own run KILLED, in the app the kernel does.
      const runs = (await tracking.runs()).filter((r) => r.tags.sweep === sweepId);
      const killed = runs.filter((r) => r.status === 'KILLED').length;
      const failed = [...failures].map(([trial, why]) => `trial ${trial}: ${why}`);
      throw bar.cancelled(
        [
          `${plural(finished - failures.size, 'finished run')} kept`,
          failed.length ? `${plural(failed.length, 'trial')} failed (${failed.join('; ')})` : null,
          `${plural(killed, 'unfinished run')} marked KILLED`,
          `${plural(trials.length - finished - killed, 'trial')} not started`,
        ]
          .filter((part) => part !== null)
          .join(', '),
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
