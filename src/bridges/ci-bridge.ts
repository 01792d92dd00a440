import type { Remote } from 'comlink';
import { WorkerConnection } from './worker-connection';
import type { CiApi } from '../workers/ci.worker';
import type { ProtectionRules } from '../lib/ci/protection';
import { unwrapCi, type CiSettled } from '../lib/ci/settled';

const defaultWorker = () =>
  new Worker(new URL('../workers/ci.worker.ts', import.meta.url), { type: 'module' });

/**
 * The only owner of the CI worker, where workflow steps run. Results cross as values and become
 * CiErrors here. No idle shutdown: a run goes on in the worker after the call that started it.
 */
export class CiBridge {
  readonly #worker: WorkerConnection<CiApi>;

  constructor(createWorker: () => Worker = defaultWorker) {
    this.#worker = new WorkerConnection<CiApi>({
      create: createWorker,
      init: (api) => void api.init(new URL('./', location.href).href),
      crashMessage: (detail) =>
        `The CI worker stopped (${detail}). Runs it stored are kept; re-run the ones that were running.`,
    });
  }

  async #call<T>(task: (api: Remote<CiApi>) => Promise<CiSettled<T>>): Promise<T> {
    return unwrapCi(await this.#worker.call(task));
  }

  push = (projectId: string) => this.#call((api) => api.push(projectId));
  mergeRequest = (projectId: string, base: string, head: string) =>
    this.#call((api) => api.mergeRequest(projectId, base, head));
  dispatch = (projectId: string, workflow: string, inputs: Record<string, string> = {}) =>
    this.#call((api) => api.dispatch(projectId, workflow, inputs));
  alert = (projectId: string, type: string, payload: Record<string, string> = {}) =>
    this.#call((api) => api.alert(projectId, type, payload));
  advanceClock = (projectId: string, ms: number) =>
    this.#call((api) => api.advanceClock(projectId, ms));
  cancel = (runId: string) => this.#call((api) => api.cancel(runId));
  rerun = (runId: string) => this.#call((api) => api.rerun(runId));
  wait = (runId: string) => this.#call((api) => api.wait(runId));
  runs = (projectId: string) => this.#call((api) => api.runs(projectId));
  workflows = (projectId: string) => this.#call((api) => api.workflows(projectId));
  protection = (projectId: string) => this.#call((api) => api.protection(projectId));
  setProtection = (projectId: string, rules: ProtectionRules) =>
    this.#call((api) => api.setProtection(projectId, rules));

  dispose(): void {
    this.#worker.stop(new Error('The CI worker was closed.'));
  }
}
