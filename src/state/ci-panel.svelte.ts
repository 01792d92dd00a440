import type { CiBridge } from '../bridges/ci-bridge';
import { FINISHED, type WorkflowRun } from '../lib/ci/run-types';
import { keepFinished } from './ci-runs';
import type { CiProblem } from '../lib/ci/errors';
import { formatProblem } from '../lib/ci/errors';
import type { ProtectionRules } from '../lib/ci/protection';

/** How often the panel reads the runs again while one is going (logs stream in between steps). */
const POLL_MS = 500;

type CiCalls = Pick<
  CiBridge,
  | 'push'
  | 'mergeRequest'
  | 'dispatch'
  | 'cancel'
  | 'rerun'
  | 'runs'
  | 'workflows'
  | 'protection'
  | 'setProtection'
>;

/**
 * The CI panel of one project: its runs (newest first, read from the store through the CI
 * worker), the run shown, and the actions. A refusal is shown, never thrown at the page.
 */
export class CiPanelState {
  /** Replaced whole at each read (raw: no deep proxy over every run's logs). */
  runs = $state.raw<WorkflowRun[]>([]);
  selected = $state<string | null>(null);
  error = $state<string | null>(null);
  problems = $state<string[]>([]);
  protection = $state<ProtectionRules | null>(null);
  readonly shown = $derived(this.runs.find((r) => r.id === this.selected) ?? this.runs[0] ?? null);
  readonly active = $derived(this.runs.some((r) => !FINISHED.includes(r.status)));
  /** The workflows at HEAD, as the CI worker read them. */
  defined = $state<{ name: string; file: string; dispatch: boolean }[]>([]);
  /** Workflow names, defined or seen in runs: what protection can require. */
  readonly workflows = $derived(
    [...this.defined.map((w) => w.name), ...this.runs.map((r) => r.workflow)]
      .filter((w, i, all) => all.indexOf(w) === i)
      .sort(),
  );
  readonly dispatchable = $derived(this.defined.filter((w) => w.dispatch).map((w) => w.name));
  /** Each workflow's latest run on main: the status badge a README would show. */
  readonly badges = $derived(
    this.workflows.map((workflow) => ({
      workflow,
      status:
        this.runs.find(
          (r) => r.workflow === workflow && 'branch' in r.event && r.event.branch === 'main',
        )?.status ?? null,
    })),
  );
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(
    private readonly ci: CiCalls,
    readonly projectId: string,
  ) {}

  async refresh(): Promise<void> {
    clearTimeout(this.#timer);
    try {
      this.runs = keepFinished(this.runs, await this.ci.runs(this.projectId));
      if (!this.active) {
        // What HEAD's workflow files say, problems included, before anything runs.
        const { workflows, problems } = await this.ci.workflows(this.projectId);
        this.defined = workflows;
        this.problems = problems.map(formatProblem);
      }
      this.protection ??= await this.ci.protection(this.projectId);
    } catch (error) {
      this.error = (error as Error).message;
    }
    if (this.active && !this.#disposed)
      this.#timer = setTimeout(() => void this.refresh(), POLL_MS);
  }

  async #act(work: () => Promise<{ runIds: string[]; problems: CiProblem[] } | unknown>) {
    this.error = null;
    try {
      const result = (await work()) as { runIds?: string[]; problems?: CiProblem[] } | undefined;
      if (result?.problems) this.problems = result.problems.map(formatProblem);
      if (result?.runIds?.[0]) this.selected = result.runIds[0];
    } catch (error) {
      this.error = (error as Error).message;
    }
    await this.refresh();
  }

  /** After a commit or merge on the Git panel. */
  push = () => this.#act(() => this.ci.push(this.projectId));
  /** A merge request from the Git panel runs the `pull_request` workflows on head's commit. */
  mergeRequest = (head: string, base: string) =>
    this.#act(() => this.ci.mergeRequest(this.projectId, base, head));
  dispatch = (workflow: string) => this.#act(() => this.ci.dispatch(this.projectId, workflow));
  cancel = (runId: string) => this.#act(() => this.ci.cancel(runId));
  rerun = (runId: string) => this.#act(() => this.ci.rerun(runId));
  async requireWorkflow(workflow: string, required: boolean) {
    const current = this.protection ?? { branch: 'main', requiredWorkflows: [] };
    const requiredWorkflows = required
      ? [...current.requiredWorkflows.filter((w) => w !== workflow), workflow]
      : current.requiredWorkflows.filter((w) => w !== workflow);
    const next = { ...current, requiredWorkflows };
    await this.#act(() => this.ci.setProtection(this.projectId, next));
    this.protection = next;
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
  }
}
