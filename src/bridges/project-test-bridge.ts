import { proxy } from 'comlink';
import { WorkerConnection } from './worker-connection';
import type { ProjectTestApi } from '../workers/project-test.worker';
// From the files themselves, not the index: the runner (and chai) belong in the worker only.
import {
  superviseTestRun,
  type SuperviseOptions,
  type TestSession,
} from '../lib/project/testing/supervise';
import type { TestReport } from '../lib/project/testing/types';

const defaultWorker = () =>
  new Worker(new URL('../workers/project-test.worker.ts', import.meta.url), { type: 'module' });

/**
 * Runs a project's tests off the main thread. Every run gets fresh workers, so nothing a test
 * file did to the global scope or the built-ins outlives the run; the watchdog (supervise.ts)
 * terminates a worker stuck in a test and continues in a fresh one; `cancel()` terminates.
 */
export class ProjectTestBridge {
  #run: AbortController | undefined;

  constructor(private readonly createWorker: () => Worker = defaultWorker) {}

  /** A run already going is cancelled first: the latest save wins. `signal` cancels this one. */
  async run(
    files: Readonly<Record<string, string>>,
    options: Omit<SuperviseOptions, 'signal'> = {},
    signal?: AbortSignal,
  ): Promise<TestReport> {
    this.cancel();
    const controller = new AbortController();
    this.#run = controller;
    if (signal?.aborted) controller.abort(signal.reason);
    signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    try {
      return await superviseTestRun(() => this.#session(), files, {
        ...options,
        signal: controller.signal,
      });
    } finally {
      if (this.#run === controller) this.#run = undefined;
    }
  }

  get running(): boolean {
    return this.#run !== undefined;
  }

  cancel(): void {
    this.#run?.abort();
  }

  #session(): TestSession {
    const connection = new WorkerConnection<ProjectTestApi>({
      create: this.createWorker,
      init: () => {},
      crashMessage: (detail) =>
        `the test worker crashed (${detail}); a test most likely used too much memory`,
    });
    return {
      run: (files, options, onEvent) =>
        connection.call((api) => api.run({ ...files }, options, proxy(onEvent))),
      terminate: () => connection.stop(new Error('The test run was stopped.')),
    };
  }
}
