import { createCiService, type CiService, type Started } from '../ci/ci-service';
import { filesAtCommit, headOf } from '../ci/commit-files';
import { CiError, formatProblem } from '../ci/errors';
import { memoryCiRunPort } from '../ci/run-port';
import type { WorkflowRun } from '../ci/run-types';
import { Markdown } from '../kernel/to-output';
import { openRepo } from '../project/git/repo';
import { ModelRegistry } from '../registry';
import { DeploymentControl } from '../serving/control';
import { defineLabNamespace } from './index';
import { projectTestHost } from './project-test-host';
import { labServices, type LabServices } from './services';

let current: { services: LabServices; ci: CiService } | undefined;

/** One CI service per set of lab services: the kernel's IndexedDB, or a Node test's memory. */
function ci(): CiService {
  const services = labServices();
  if (current?.services === services) return current.ci;
  const registry = new ModelRegistry(services.registry, services.tracking);
  const service = createCiService({
    port: services.ci ?? memoryCiRunPort(),
    filesAt: (projectId, sha) => filesAtCommit(openRepo(services.projects.port, projectId), sha),
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
  current = { services, ci: service };
  return service;
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
  async push(): Promise<WorkflowRun[]> {
    const { projectId, head } = await here('push()');
    return finish(await ci().push(projectId, head.branch, head.sha), ctx.display);
  },
  async dispatch(workflow: string, inputs: Record<string, string> = {}): Promise<WorkflowRun> {
    const { projectId, head } = await here('dispatch()');
    const [run] = await finish(
      await ci().dispatch(projectId, String(workflow), head, inputs),
      ctx.display,
    );
    return run!;
  },
  /** Moves the simulated clock on by `ms` and runs the scheduled workflows that fell due. */
  async advanceClock(ms: number): Promise<WorkflowRun[]> {
    const { projectId, head } = await here('advanceClock()');
    return finish(await ci().advanceClock(projectId, ms, head), ctx.display);
  },
  /** A monitoring alert: starts the workflows `on: repository_dispatch` with this type. */
  async alert(type = 'alert', payload: Record<string, string> = {}): Promise<WorkflowRun[]> {
    const { projectId, head } = await here('alert()');
    return finish(await ci().alert(projectId, String(type), head, payload), ctx.display);
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
