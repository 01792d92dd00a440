import { createCiService, type CiService, type Started } from '../ci/ci-service';
import { filesAtCommit, headOf } from '../ci/commit-files';
import { CiError, formatProblem } from '../ci/errors';
import { memoryCiRunPort, type CiRunPort } from '../ci/run-port';
import { recordPush, remoteHas } from '../ci/remote';
import type { WorkflowRun } from '../ci/run-types';
import { Markdown } from '../kernel/to-output';
import { openRepo } from '../project/git/repo';
import { ModelRegistry } from '../registry';
import { DeploymentControl } from '../serving/control';
import { defineLabNamespace } from './index';
import { projectTestHost } from './project-test-host';
import { cellWorkflows } from './rerun-ci';
import { labServices, type LabServices } from './services';

let current: { services: LabServices; ci: CiService; port: CiRunPort } | undefined;

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

/** Waits for the runs, then a table of them (and any workflow file that could not be read). */
async function finish(started: Started, display: (value: unknown) => void): Promise<WorkflowRun[]> {
  if (started.problems.length)
    display(new Markdown(`\`\`\`text\n${started.problems.map(formatProblem).join('\n')}\n\`\`\``));
  const runs = await started.finished;
  display(new Markdown(runsTable(runs)));
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
  /** Runs the workflows a push of HEAD's branch triggers. */
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
