import { didYouMean } from '../lessons/errors';
import { CiError, type CiProblem } from './errors';
import type { CiRunPort } from './run-port';
import { runWorkflow } from './runner';
import type { RunEvent, TriggerEvent, WorkflowRun } from './run-types';
import type { Workflow } from './schema';
import type { CiServices } from './services';
import { dueSchedules, readWorkflows, triggers } from './triggers';

export interface CiServiceDeps {
  port: CiRunPort;
  /** The text files of a project at a commit (filesAtCommit over the project's Git). */
  filesAt(projectId: string, sha: string): Promise<Readonly<Record<string, string>>>;
  services: Omit<CiServices, 'files'>;
  /**
   * The remote a push reaches (remote.ts over the project's Git): a commit it has already is
   * "Everything up-to-date" and starts nothing. Without it every push starts its workflows.
   */
  remote?: {
    has(projectId: string, branch: string, sha: string): Promise<boolean>;
    record(projectId: string, branch: string, sha: string): Promise<void>;
  };
  onEvent?: (event: RunEvent) => void;
  newId?: () => string;
  now?: () => number;
  stepTimeoutMs?: number;
}

export interface Started {
  /** Runs started, queued in the store before this resolves. */
  runs: WorkflowRun[];
  /** Workflow files that could not be read: shown on the CI page, never silently skipped. */
  problems: CiProblem[];
  /** Resolves when every started run has finished and been stored. */
  finished: Promise<WorkflowRun[]>;
  /** A push of a commit the remote had already: nothing was started. */
  upToDate?: boolean;
}

/** What a run started by a lesson cell uses instead of the service's own (CiServices.source). */
export type StartedBy = Partial<Omit<CiServices, 'files'>>;

/**
 * Starts workflow runs from events (push, merge request, dispatch, schedule, alert), keeps every
 * run in the store as it goes, and cancels or re-runs them. The Project page, `lab.ci` and the
 * monitoring alert hook all call this one service.
 */
export function createCiService(deps: CiServiceDeps) {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const running = new Map<string, { abort: AbortController; done: Promise<WorkflowRun> }>();
  /** The latest copy of each running run, logs included line by line (the store gets a copy per step). */
  const live = new Map<string, WorkflowRun>();
  /** The simulated clock `schedule:` runs on, per project: lessons advance it by hand. */
  const clocks = new Map<string, number>();

  async function start(
    projectId: string,
    workflow: Workflow,
    event: TriggerEvent,
    rerunOf?: string,
    by: StartedBy = {},
  ) {
    const id = newId();
    const abort = new AbortController();
    let saving: Promise<void> = Promise.resolve();
    let latest: WorkflowRun | undefined;
    const save = (run: WorkflowRun) => {
      latest = run;
      // Writes go one after another, so an older copy never lands after a newer one.
      saving = saving.then(() => deps.port.putRun(run));
      return saving;
    };
    const run = runWorkflow(
      workflow,
      event,
      { ...deps.services, ...by, files: () => deps.filesAt(projectId, event.sha) },
      {
        projectId,
        id,
        signal: abort.signal,
        now,
        ...(deps.stepTimeoutMs ? { stepTimeoutMs: deps.stepTimeoutMs } : {}),
        ...(rerunOf ? { rerunOf } : {}),
        onEvent: (e) => {
          if (e.type === 'update') void save(e.run).catch(() => {});
          deps.onEvent?.(e);
        },
      },
    );
    const done = run.then(async (final) => {
      await saving.catch(() => {});
      await deps.port.putRun(final); // the final copy is stored before anyone is told it finished
      running.delete(id);
      live.delete(id);
      return final;
    });
    running.set(id, { abort, done });
    await saving;
    return latest!;
  }

  async function trigger(
    projectId: string,
    event: TriggerEvent,
    only?: (w: Workflow) => boolean,
    by: StartedBy = {},
  ): Promise<Started> {
    const { workflows, problems } = readWorkflows(await deps.filesAt(projectId, event.sha));
    const chosen = workflows.filter((w) => (only ? only(w) : true) && triggers(w, event));
    const runs = await Promise.all(chosen.map((w) => start(projectId, w, event, undefined, by)));
    return {
      runs,
      problems,
      finished: Promise.all(runs.map((r) => running.get(r.id)?.done ?? Promise.resolve(r))),
    };
  }

  return {
    /**
     * A commit on `branch`: runs the workflows whose `on.push` matches it — unless the remote
     * has that commit already ("Everything up-to-date", as `git push` says), which starts none.
     */
    async push(projectId: string, branch: string, sha: string): Promise<Started> {
      if (await deps.remote?.has(projectId, branch, sha))
        return { runs: [], problems: [], finished: Promise.resolve([]), upToDate: true };
      const started = await trigger(projectId, { name: 'push', branch, sha });
      await deps.remote?.record(projectId, branch, sha);
      return started;
    },
    /** A merge request from the Git panel: `head` into `base`, at head's commit. */
    mergeRequest: (projectId: string, base: string, head: string, sha: string) =>
      trigger(projectId, { name: 'pull_request', base, head, sha }),
    /** The Run workflow button and lab.ci.dispatch: one workflow, by name or file, with inputs. */
    async dispatch(
      projectId: string,
      name: string,
      at: { branch: string; sha: string },
      inputs: Record<string, string> = {},
      by: StartedBy = {},
    ) {
      const { workflows, problems } = readWorkflows(await deps.filesAt(projectId, at.sha));
      const workflow = workflows.find(
        (w) => w.name === name || w.file === name || w.file.endsWith(`/${name}`),
      );
      if (!workflow) {
        const known = workflows.map((w) => w.name);
        throw new CiError(
          'no-workflow',
          `No workflow "${name}" at ${at.sha.slice(0, 7)}.${didYouMean(name, known)} ${known.length ? `The workflows are: ${known.join(', ')}.` : 'Add one under .github/workflows/.'}${problems.length ? ` (${problems.length} workflow files have problems.)` : ''}`,
        );
      }
      if (!('workflow_dispatch' in workflow.on))
        throw new CiError(
          'no-workflow',
          `${workflow.file} cannot be run by hand: add "workflow_dispatch:" under on:.`,
        );
      const declared = workflow.on.workflow_dispatch?.inputs ?? {};
      for (const key of Object.keys(inputs))
        if (!Object.hasOwn(declared, key))
          throw new CiError(
            'unknown-input',
            `${workflow.name} takes no input "${key}".${didYouMean(key, Object.keys(declared))} Its inputs: ${Object.keys(declared).join(', ') || 'none'}.`,
          );
      for (const [key, spec] of Object.entries(declared))
        if (spec.required && spec.default === undefined && inputs[key] === undefined)
          throw new CiError(
            'missing-input',
            `${workflow.name} needs the input "${key}"${spec.description ? ` (${spec.description})` : ''}.`,
          );
      return trigger(
        projectId,
        { name: 'workflow_dispatch', ...at, inputs },
        (w) => w.file === workflow.file,
        by,
      );
    },
    /** An alert from monitoring (continuous training): `repository_dispatch` of type `type`. */
    alert: (
      projectId: string,
      type: string,
      at: { branch: string; sha: string },
      payload: Record<string, string> = {},
      by: StartedBy = {},
    ) => trigger(projectId, { name: 'repository_dispatch', type, payload, ...at }, undefined, by),
    /** Moves the project's simulated clock forward and starts the scheduled runs that fell due. */
    async advanceClock(
      projectId: string,
      ms: number,
      at: { branch: string; sha: string },
      by: StartedBy = {},
    ) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new CiError(
          'bad-field',
          `advanceClock takes a number of milliseconds ≥ 0, not ${String(ms)}.`,
        );
      const from = clocks.get(projectId) ?? now();
      const to = from + ms;
      clocks.set(projectId, to);
      const { workflows, problems } = readWorkflows(await deps.filesAt(projectId, at.sha));
      const due = dueSchedules(workflows, from, to);
      const runs = [];
      for (const d of due)
        runs.push(
          await start(
            projectId,
            d.workflow,
            { name: 'schedule', cron: d.cron, at: d.at, ...at },
            undefined,
            by,
          ),
        );
      return {
        clock: to,
        runs,
        problems,
        finished: Promise.all(runs.map((r) => running.get(r.id)?.done ?? Promise.resolve(r))),
      };
    },
    clock: (projectId: string) => clocks.get(projectId) ?? now(),
    cancel(runId: string): boolean {
      const entry = running.get(runId);
      entry?.abort.abort();
      return !!entry;
    },
    /** Runs a stored run's workflow again on the same commit and event. */
    async rerun(runId: string): Promise<Started> {
      const old = await deps.port.run(runId);
      if (!old) throw new CiError('no-workflow', `No run ${runId} to re-run.`);
      const { workflows, problems } = readWorkflows(
        await deps.filesAt(old.projectId, old.event.sha),
      );
      const workflow = workflows.find((w) => w.file === old.file);
      if (!workflow)
        return {
          runs: [],
          problems: problems.length
            ? problems
            : [
                {
                  file: old.file,
                  line: 1,
                  column: 1,
                  code: 'no-workflow',
                  message: `${old.file} is gone at ${old.event.sha.slice(0, 7)}.`,
                },
              ],
          finished: Promise.resolve([]),
        };
      const run = await start(old.projectId, workflow, old.event, runId);
      return {
        runs: [run],
        problems,
        finished: Promise.all([running.get(run.id)?.done ?? Promise.resolve(run)]),
      };
    },
    /** The finished run (stored), or the stored copy if it is not running here. */
    async wait(runId: string): Promise<WorkflowRun | undefined> {
      return running.get(runId)?.done ?? deps.port.run(runId);
    },
    /** The project's runs, newest first: stored ones, with the live copy of those still running. */
    async runs(projectId: string): Promise<WorkflowRun[]> {
      return (await deps.port.runs(projectId)).map((r) => live.get(r.id) ?? r);
    },
    protection: (projectId: string) => deps.port.protection(projectId),
    setProtection: deps.port.setProtection,
  };
}

export type CiService = ReturnType<typeof createCiService>;
