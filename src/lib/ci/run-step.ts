import { ACTIONS, actionName } from './actions';
import { parseRun } from './commands';
import { CiError } from './errors';
import { conditionHolds, interpolate, type ExpressionContext } from './expressions';
import type { StepSpec } from './schema';
import type { StepContext } from './services';
import type { StepRecord } from './run-types';

/** A step longer than this with no `timeout-minutes` is stopped: a lesson waits seconds, not hours. */
export const DEFAULT_STEP_TIMEOUT_MS = 5 * 60_000;
/** Log lines kept per step; beyond that the log says how many were dropped. */
export const MAX_LOG_LINES = 2000;

export interface StepRun {
  spec: StepSpec;
  record: StepRecord;
  expressions: ExpressionContext;
  context: Omit<StepContext, 'signal' | 'setOutput' | 'log'>;
  log(line: string): void;
  timeoutMs: number;
  /** The run's cancel signal. */
  cancel: AbortSignal;
  now(): number;
}

/**
 * Runs one step under its time limit. The step gets its own AbortSignal; at the limit (or on
 * cancel) the signal fires and the step is reported at once, whether or not its work notices:
 * a step that hangs cannot hold the run. Returns whether the job may go on.
 */
export async function runStep(step: StepRun): Promise<void> {
  const { record, spec } = step;
  // A matrix's fail-fast cancels with its own reason; a cancelled run with the default one.
  const why = () =>
    step.cancel.reason instanceof CiError && step.cancel.reason.code === 'cancelled'
      ? step.cancel.reason
      : new CiError('cancelled', 'The run was cancelled.');
  if (step.cancel.aborted) return finish(step, 'cancelled', `${why().message} (before this step)`);
  let runs: boolean;
  try {
    runs = conditionHolds(spec.if, step.expressions);
  } catch (error) {
    return finish(step, 'failure', `if: ${(error as Error).message}`);
  }
  if (!runs) return finish(step, 'skipped', null);
  record.status = 'running';
  record.startedAt = step.now();
  const controller = new AbortController();
  const onCancel = () => controller.abort(why());
  step.cancel.addEventListener('abort', onCancel, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new CiError(
        'step-timeout',
        `The step ran longer than its limit of ${seconds(step.timeoutMs)} and was stopped. Make it faster, or raise timeout-minutes.`,
      );
      controller.abort(error);
      reject(error);
    }, step.timeoutMs);
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), {
      once: true,
    });
  });
  try {
    await Promise.race([work(step, controller.signal), limit]);
    finish(step, 'success', null);
  } catch (error) {
    const code = error instanceof CiError ? error.code : undefined;
    const status =
      code === 'step-timeout' ? 'timed-out' : code === 'cancelled' ? 'cancelled' : 'failure';
    finish(step, status, (error as Error).message ?? String(error));
  } finally {
    clearTimeout(timer);
    step.cancel.removeEventListener('abort', onCancel);
  }
}

function finish(step: StepRun, status: StepRecord['status'], error: string | null): void {
  step.record.status = status;
  step.record.error = error;
  if (error && status !== 'skipped') step.log(`Error: ${error}`);
  if (step.record.startedAt !== null) step.record.durationMs = step.now() - step.record.startedAt;
}

async function work(step: StepRun, signal: AbortSignal): Promise<void> {
  const ctx: StepContext = {
    ...step.context,
    signal,
    log: (line) => {
      if (!signal.aborted) step.log(line);
    },
    setOutput: (name, value) => {
      step.record.outputs[name] = value;
    },
  };
  const { spec } = step;
  if (spec.uses !== undefined) {
    const name = actionName(spec.uses)!;
    const inputs = Object.fromEntries(
      Object.entries(spec.with ?? {}).map(([k, v]) => [
        k,
        interpolate(String(v), step.expressions),
      ]),
    );
    return ACTIONS[name]!.run(inputs, ctx);
  }
  for (const line of parseRun(spec.run!, (word) => interpolate(word, step.expressions))) {
    if (signal.aborted) return;
    ctx.log(`$ ${line.text}`);
    if (line.kind === 'echo') {
      if (line.output) ctx.setOutput(line.output.name, line.output.value);
      else ctx.log(line.message);
    } else await ACTIONS[line.action]!.run(line.inputs, ctx);
  }
}

const seconds = (ms: number) =>
  ms < 60_000 ? `${+(ms / 1000).toFixed(1)} s` : `${+(ms / 60_000).toFixed(1)} min`;
