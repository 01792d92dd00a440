import { orderJobs } from './dag';
import { CiError } from './errors';
import { interpolate, type ExpressionContext, type Value } from './expressions';
import { conditionHolds } from './expressions';
import { expandMatrix, matrixJobName, type Combination } from './matrix';
import type { JobSpec, Workflow } from './schema';
import type { CiServices } from './services';
import { DEFAULT_STEP_TIMEOUT_MS, MAX_LOG_LINES, runStep } from './run-step';
import type { JobRecord, RunEvent, RunStatus, TriggerEvent, WorkflowRun } from './run-types';

export interface RunOptions {
  projectId: string;
  id: string;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  now?: () => number;
  /** Limit of a step without `timeout-minutes`. */
  stepTimeoutMs?: number;
  rerunOf?: string;
}

const minutes = (m: number | undefined) => (m === undefined ? undefined : m * 60_000);

/** The fresh record of a run about to start: every job and step queued. */
function newRun(workflow: Workflow, event: TriggerEvent, options: RunOptions): WorkflowRun {
  const jobs: JobRecord[] = [];
  for (const [jobId, spec] of Object.entries(workflow.jobs)) {
    const combos: (Combination | null)[] = spec.strategy
      ? expandMatrix(spec.strategy.matrix, jobId)
      : [null];
    for (const matrix of combos) {
      const name = spec.name ?? jobId;
      jobs.push({
        key: matrix ? matrixJobName(jobId, matrix) : jobId,
        jobId,
        name: matrix ? matrixJobName(name, matrix) : name,
        matrix,
        status: 'queued',
        startedAt: null,
        durationMs: null,
        steps: spec.steps.map((s, i) => ({
          name: s.name ?? s.uses ?? s.run?.split('\n')[0] ?? `step ${i + 1}`,
          status: 'queued',
          startedAt: null,
          durationMs: null,
          log: [],
          outputs: {},
          error: null,
        })),
        outputs: {},
        error: null,
      });
    }
  }
  return {
    id: options.id,
    projectId: options.projectId,
    file: workflow.file,
    workflow: workflow.name,
    event,
    status: 'queued',
    createdAt: (options.now ?? Date.now)(),
    durationMs: null,
    jobs,
    reports: [],
    artifacts: [],
    vouched: [],
    rerunOf: options.rerunOf ?? null,
  };
}

/**
 * Runs a workflow: each job as soon as the jobs it needs are done (independent jobs together),
 * its steps in order, each under a time limit. Every change is reported as a fresh copy of the
 * run (`update`) and every log line as it comes (`log`). Resolves with the finished run.
 */
export async function runWorkflow(
  workflow: Workflow,
  event: TriggerEvent,
  services: CiServices,
  options: RunOptions,
): Promise<WorkflowRun> {
  const now = options.now ?? Date.now;
  const run = newRun(workflow, event, options);
  if (services.source) run.source = { ...services.source };
  const emit = () => options.onEvent?.({ type: 'update', run: structuredClone(run) });
  const cancel = options.signal ?? new AbortController().signal;
  const ordered = orderJobs(
    Object.fromEntries(Object.entries(workflow.jobs).map(([id, j]) => [id, j.needs])),
  );
  if ('problems' in ordered) throw new CiError('needs-cycle', ordered.problems[0]!.message);
  run.status = 'running';
  emit();
  const started = now();
  const done = new Map<string, Promise<RunStatus>>();
  const jobResult = (jobId: string): Promise<RunStatus> => {
    let promise = done.get(jobId);
    if (!promise) {
      const spec = workflow.jobs[jobId]!;
      promise = Promise.all(spec.needs.map(jobResult)).then(async () => {
        const statuses = await runInstances(
          run.jobs.filter((j) => j.jobId === jobId),
          spec,
        );
        if (statuses.every((s) => s === 'success' || s === 'skipped'))
          return statuses.every((s) => s === 'skipped') ? 'skipped' : 'success';
        return cancel.aborted || !statuses.some((s) => s === 'failure' || s === 'timed-out')
          ? 'cancelled'
          : 'failure';
      });
      done.set(jobId, promise);
    }
    return promise;
  };

  const github = {
    event_name: event.name,
    ref: `refs/heads/${'branch' in event ? event.branch : event.head}`,
    ref_name: 'branch' in event ? event.branch : event.head,
    base_ref: event.name === 'pull_request' ? event.base : '',
    sha: event.sha,
    workflow: workflow.name,
    run_id: run.id,
    event: eventPayload(event),
  };
  const inputs =
    event.name === 'workflow_dispatch' ? { ...defaults(workflow), ...event.inputs } : {};

  /**
   * A job's matrix instances, at most `max-parallel` at a time; with `fail-fast` (GitHub's
   * default) the first failure cancels the instances still running or queued.
   */
  async function runInstances(
    instances: JobRecord[],
    spec: JobSpec & { needs: string[] },
  ): Promise<RunStatus[]> {
    const failFast = spec.strategy?.['fail-fast'] ?? true;
    const lanes = Math.min(spec.strategy?.['max-parallel'] ?? instances.length, instances.length);
    const matrix = new AbortController();
    const signal = AbortSignal.any([cancel, matrix.signal]);
    const statuses: RunStatus[] = [];
    let next = 0;
    const lane = async () => {
      while (next < instances.length) {
        const i = next++;
        statuses[i] = await runJob(instances[i]!, spec, signal);
        if (
          failFast &&
          instances.length > 1 &&
          (statuses[i] === 'failure' || statuses[i] === 'timed-out')
        )
          matrix.abort(
            new CiError(
              'cancelled',
              `Cancelled: ${instances[i]!.key} failed and the matrix is fail-fast (set strategy.fail-fast: false to run every combination).`,
            ),
          );
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
    return statuses;
  }

  async function runJob(
    job: JobRecord,
    spec: JobSpec & { needs: string[] },
    cancel: AbortSignal,
  ): Promise<RunStatus> {
    const needs: Record<string, Value> = {};
    for (const n of spec.needs) {
      const instances = run.jobs.filter((j) => j.jobId === n);
      needs[n] = {
        result: resultOf(instances),
        outputs: Object.assign({}, ...instances.map((j) => j.outputs)) as Record<string, string>,
      };
    }
    const needFailed = spec.needs.some(
      (n) =>
        resultOf(run.jobs.filter((j) => j.jobId === n)) !== 'success' &&
        resultOf(run.jobs.filter((j) => j.jobId === n)) !== 'skipped',
    );
    const status = { failed: needFailed, cancelled: cancel.aborted };
    const contexts: Record<string, Value> = {
      github,
      inputs,
      needs,
      matrix: job.matrix ?? {},
      env: {},
      steps: {},
      job: { status: 'success' },
    };
    const expressions: ExpressionContext = { contexts, status };
    let runs = false;
    try {
      runs = conditionHolds(spec.if, expressions);
    } catch (error) {
      job.error = `if: ${(error as Error).message}`;
    }
    if (!runs) {
      job.status = job.error ? 'failure' : cancel.aborted ? 'cancelled' : 'skipped';
      if (job.status === 'cancelled')
        job.error =
          cancel.reason instanceof CiError ? cancel.reason.message : 'The run was cancelled.';
      for (const s of job.steps) s.status = job.status === 'failure' ? 'skipped' : job.status;
      emit();
      return job.status;
    }
    job.status = 'running';
    job.startedAt = now();
    emit();
    contexts.env = fill({ ...workflow.env, ...spec.env }, expressions);
    const steps: Record<string, Value> = {};
    contexts.steps = steps;
    status.failed = false;
    for (const [i, stepSpec] of spec.steps.entries()) {
      const record = job.steps[i]!;
      contexts.env = {
        ...(contexts.env as Record<string, Value>),
        ...fill(stepSpec.env ?? {}, expressions),
      };
      let dropped = 0;
      await runStep({
        spec: stepSpec,
        record,
        expressions,
        cancel,
        now,
        timeoutMs:
          minutes(stepSpec['timeout-minutes']) ??
          minutes(spec['timeout-minutes']) ??
          options.stepTimeoutMs ??
          DEFAULT_STEP_TIMEOUT_MS,
        log: (line) => {
          if (record.log.length >= MAX_LOG_LINES) {
            dropped++;
            record.log[MAX_LOG_LINES - 1] =
              `… ${dropped} more lines not kept (a step keeps ${MAX_LOG_LINES}).`;
            return;
          }
          record.log.push(line);
          options.onEvent?.({ type: 'log', runId: run.id, job: job.key, step: i, line });
        },
        context: {
          services,
          artifact: (name, text) => run.artifacts.push({ job: job.key, name, text }),
          report: (markdown) => run.reports.push({ job: job.key, markdown }),
          vouchFor: ({ name, version }) => {
            if (!run.vouched.some((v) => v.name === name && v.version === version))
              run.vouched.push({ name, version });
          },
        },
      });
      if (stepSpec.id)
        steps[stepSpec.id] = {
          outputs: { ...record.outputs },
          outcome: record.status,
          conclusion: record.status,
        };
      const bad = record.status === 'failure' || record.status === 'timed-out';
      if (bad && !stepSpec['continue-on-error']) status.failed = true;
      if (record.status === 'cancelled') status.cancelled = true;
      emit();
    }
    for (const [name, template] of Object.entries(spec.outputs ?? {})) {
      try {
        job.outputs[name] = interpolate(template, expressions);
      } catch (error) {
        job.error = `outputs.${name}: ${(error as Error).message}`;
        status.failed = true;
      }
    }
    job.status = status.cancelled
      ? 'cancelled'
      : status.failed && !spec['continue-on-error']
        ? 'failure'
        : 'success';
    job.durationMs = now() - job.startedAt;
    emit();
    return job.status;
  }

  await Promise.all(ordered.order.map(jobResult));
  run.status = cancel.aborted
    ? 'cancelled'
    : run.jobs.some((j) => j.status === 'failure')
      ? 'failure'
      : 'success';
  run.durationMs = now() - started;
  emit();
  return run;
}

/** `needs.<job>.result` as GitHub gives it, over a job's matrix instances. */
function resultOf(instances: JobRecord[]): RunStatus {
  if (instances.some((j) => j.status === 'failure' || j.status === 'timed-out')) return 'failure';
  if (instances.some((j) => j.status === 'cancelled')) return 'cancelled';
  if (instances.every((j) => j.status === 'skipped')) return 'skipped';
  return 'success';
}

function fill(
  env: Record<string, string | number | boolean>,
  ctx: ExpressionContext,
): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v), ctx)]));
}

function defaults(workflow: Workflow): Record<string, string> {
  const inputs = workflow.on.workflow_dispatch?.inputs ?? {};
  return Object.fromEntries(
    Object.entries(inputs).flatMap(([k, v]) =>
      v.default === undefined ? [] : [[k, String(v.default)]],
    ),
  );
}

function eventPayload(event: TriggerEvent): Record<string, Value> {
  switch (event.name) {
    case 'workflow_dispatch':
      return { inputs: event.inputs };
    case 'repository_dispatch':
      return { action: event.type, client_payload: event.payload };
    case 'schedule':
      return { schedule: event.cron };
    case 'pull_request':
      return {
        pull_request: { base: { ref: event.base }, head: { ref: event.head, sha: event.sha } },
      };
    default:
      return {};
  }
}
