import { createCiService, type CiService, type Started } from '../ci/ci-service';
import { filesAtCommit, headOf } from '../ci/commit-files';
import { CiError, formatProblem } from '../ci/errors';
import { memoryCiRunPort, type CiRunPort } from '../ci/run-port';
import { recordPush, remoteHas } from '../ci/remote';
import { FINISHED, type WorkflowRun } from '../ci/run-types';
import { Markdown } from '../kernel/to-output';
import { openRepo } from '../project/git/repo';
import { ModelRegistry } from '../registry';
import { DeploymentControl } from '../serving/control';
import { defineLabNamespace } from './index';
import { projectTestHost } from './project-test-host';
import { cellWorkflows } from './rerun-ci';
import { labServices, type LabServices } from './services';
import { LiveProgress, SHOW_AFTER_MS } from './live-progress';

let current: { services: LabServices; ci: CiService; port: CiRunPort } | undefined;
/** Cells waiting on runs, told of each stored change of a run (see `finish`). */
const followers = new Set<(run: WorkflowRun) => void>();

/** One CI service per set of lab services: the kernel's IndexedDB, or a Node test's memory. */
function ci(): CiService {
  return service().ci;
}

function service() {
  const services = labServices();
  if (current?.services === services) return current;
  const registry = new ModelRegistry(services.registry, services.tracking);
  const port = services.ci ?? memoryCiRunPort();
  const repo = (projectId: string) => openRepo(services.projects.port, projectId);
  const ci = createCiService({
    port,
    filesAt: (projectId, sha) => filesAtCommit(repo(projectId), sha),
    remote: {
      has: (projectId, branch, sha) => remoteHas(repo(projectId), branch, sha),
      record: (projectId, branch, sha) => recordPush(repo(projectId), branch, sha),
    },
    services: {
      runTests: (files, options) => projectTestHost()(files, options),
      registry,
      pipeline: {
        catalog: services.catalog,
        tracking: services.tracking,
        registry: services.registry,
        fitMlp: services.fitMlp,
        ...(services.fitGbdt ? { fitGbdt: services.fitGbdt } : {}),
      },
      serving: new DeploymentControl({ port: services.serving, registry }),
    },
    onEvent: (event) => {
      if (event.type === 'update') for (const follow of followers) follow(event.run);
    },
  });
  current = { services, ci, port };
  return current;
}

/** The active project and its HEAD: where lab.ci's events happen. */
async function here(what: string) {
  const { projects } = labServices();
  const projectId = projects.active();
  if (!projectId)
    throw new CiError(
      'no-workflow',
      `lab.ci.${what}: no project is open in this kernel. Open it first (lab.project.open(name)).`,
    );
  const head = await headOf(openRepo(projects.port, projectId));
  if (!head)
    throw new CiError(
      'no-workflow',
      `lab.ci.${what}: the project has no commit on a branch yet. Commit on the Project page's Git panel first.`,
    );
  return { projectId, head };
}

/** Steps that ran to an end; a cancelled step did not. */
const stepsDone = (runs: Iterable<WorkflowRun>) =>
  [...runs]
    .flatMap((r) => r.jobs.flatMap((j) => j.steps))
    .filter((s) => s.status !== 'cancelled' && FINISHED.includes(s.status)).length;

/**
 * Waits for the runs, then a table of them (and any workflow file that could not be read). A
 * bar of their steps shows if they take longer than SHOW_AFTER_MS; its Cancel cancels the runs
 * (stored as cancelled, as on the CI page) and the cell gets an error value.
 */
async function finish(started: Started, display: (value: unknown) => void): Promise<WorkflowRun[]> {
  if (started.problems.length)
    display(new Markdown(`\`\`\`text\n${started.problems.map(formatProblem).join('\n')}\n\`\`\``));
  const latest = new Map(started.runs.map((r) => [r.id, r]));
  const total = started.runs.reduce(
    (n, r) => n + r.jobs.reduce((m, j) => m + j.steps.length, 0),
    0,
  );
  const names = [...new Set(started.runs.map((r) => r.workflow))].join(', ');
  const bar = total
    ? new LiveProgress(display, `CI: ${names}`, total, 'steps', SHOW_AFTER_MS)
    : null;
  const follow = (run: WorkflowRun) => {
    if (!latest.has(run.id) || bar?.cancelSignal.aborted) return;
    latest.set(run.id, run);
    bar?.step(stepsDone(latest.values()), `${run.workflow}: ${run.status}`);
  };
  followers.add(follow);
  bar?.cancelSignal.addEventListener('abort', () => {
    for (const run of started.runs) ci().cancel(run.id);
  });
  let runs: WorkflowRun[];
  try {
    runs = await started.finished;
  } catch (error) {
    bar?.end('failed', (error as Error).message);
    throw error;
  } finally {
    followers.delete(follow);
  }
  display(new Markdown(runsTable(runs)));
  if (bar?.cancelSignal.aborted) {
    const cancelled = runs.filter((r) => r.status === 'cancelled').length;
    throw bar.cancelled(
      `${cancelled} of ${runs.length} ${runs.length === 1 ? 'run' : 'runs'} cancelled and stored as cancelled (the table above)`,
    );
  }
  bar?.end('done', runs.map((r) => `${r.workflow}: ${r.status}`).join(', '));
  return runs;
}

/** What `git push` says when the remote has the commit, and why no workflow ran. */
export function upToDate(head: { branch: string; sha: string }): string {
  return `Everything up-to-date: the remote's \`${head.branch}\` has ${head.sha.slice(0, 7)} already, so this push starts no workflow (its runs are in \`lab.ci.runs()\` and the CI panel). Commit a change, then push again.`;
}

export function runsTable(runs: readonly WorkflowRun[]): string {
  if (runs.length === 0) return 'No workflow runs.';
  const rows = runs.map(
    (r) =>
      `| ${r.workflow} | ${r.event.name} | ${r.status} | ${r.jobs.map((j) => `${j.key}: ${j.status}`).join(', ')} | ${r.durationMs === null ? '' : (r.durationMs / 1000).toFixed(1)} s |`,
  );
  return [
    '| workflow | event | status | jobs | time |',
    '| --- | --- | --- | --- | ---: |',
    ...rows,
  ].join('\n');
}

defineLabNamespace('ci', (ctx) => ({
  /**
   * Runs the workflows a push of HEAD's branch triggers; none when the remote has HEAD already
   * (Git's "Everything up-to-date"), which the cell says.
   */
  async push(): Promise<WorkflowRun[]> {
    const { projectId, head } = await here('push()');
    const started = await ci().push(projectId, head.branch, head.sha);
    if (started.upToDate) {
      ctx.display(new Markdown(upToDate(head)));
      return [];
    }
    return finish(started, ctx.display);
  },
  async dispatch(workflow: string, inputs: Record<string, string> = {}): Promise<WorkflowRun> {
    const { projectId, head } = await here('dispatch()');
    const by = await cellWorkflows(ctx.source, service().port, projectId);
    const [run] = await finish(
      await ci().dispatch(projectId, String(workflow), head, inputs, by),
      ctx.display,
    );
    return run!;
  },
  /** Moves the simulated clock on by `ms` and runs the scheduled workflows that fell due. */
  async advanceClock(ms: number): Promise<WorkflowRun[]> {
    const { projectId, head } = await here('advanceClock()');
    const by = await cellWorkflows(ctx.source, service().port, projectId);
    return finish(await ci().advanceClock(projectId, ms, head, by), ctx.display);
  },
  /**
   * A monitoring alert: starts the workflows `on: repository_dispatch` with this type. Sent again
   * by the same cell, its workflows' products replace the earlier ones (./rerun-ci.ts).
   */
  async alert(type = 'alert', payload: Record<string, string> = {}): Promise<WorkflowRun[]> {
    const { projectId, head } = await here('alert()');
    const by = await cellWorkflows(ctx.source, service().port, projectId);
    return finish(await ci().alert(projectId, String(type), head, payload, by), ctx.display);
  },
  async runs(): Promise<WorkflowRun[]> {
    const { projectId } = await here('runs()');
    const runs = await ci().runs(projectId);
    ctx.display(new Markdown(runsTable(runs)));
    return runs;
  },
  /** Branch protection: merging into main needs these workflows green. */
  async protect(requiredWorkflows: string[], branch = 'main'): Promise<void> {
    const { projectId } = await here('protect()');
    if (!Array.isArray(requiredWorkflows) || requiredWorkflows.some((w) => typeof w !== 'string'))
      throw new CiError(
        'bad-field',
        "lab.ci.protect(workflows): give a list of workflow names, e.g. lab.ci.protect(['ci']).",
      );
    await ci().setProtection(projectId, { branch, requiredWorkflows });
  },
}));
