import { WorkerConnection } from './worker-connection';
import type { LintWorkerApi } from '../workers/lint.worker';
import type { LintDiagnostic, LintOptions, ProjectLintReport } from '../lib/project/lint';

const defaultWorker = () =>
  new Worker(new URL('../workers/lint.worker.ts', import.meta.url), { type: 'module' });

/** A linter nobody asked for this long is shut down (ESLint's memory with it). */
export const IDLE_MS = 120_000;

/**
 * The only owner of the lint worker: every editor and the Problems panel share it, so ESLint is
 * loaded once. A crash rejects the running calls with a message; the next call starts afresh.
 */
export class LintBridge {
  readonly #worker: WorkerConnection<LintWorkerApi>;

  constructor(createWorker: () => Worker = defaultWorker, idleMs = IDLE_MS) {
    this.#worker = new WorkerConnection<LintWorkerApi>({
      create: createWorker,
      init: () => undefined,
      crashMessage: (detail) =>
        `The linter stopped (${detail}); nothing of yours is affected. It starts again on the next edit; if it stops again, the file may be too large to lint.`,
      idleMs,
    });
  }

  lint(text: string, options: LintOptions) {
    return this.#worker.call<LintDiagnostic[]>((api) => api.lint(text, options));
  }

  lintCell(text: string, path: string, otherCells: string[]) {
    return this.#worker.call<LintDiagnostic[]>((api) => api.lintCell(text, path, otherCells));
  }

  lintProjectFile(projectId: string, path: string, text: string) {
    return this.#worker.call<LintDiagnostic[]>((api) => api.lintProjectFile(projectId, path, text));
  }

  lintProject(projectId: string, options: { strict?: boolean } = {}, signal?: AbortSignal) {
    return this.#worker.call<ProjectLintReport>(
      (api) => api.lintProject(projectId, options),
      signal,
    );
  }

  dispose(): void {
    this.#worker.stop(new Error('The linter was shut down.'));
  }
}

let shared: LintBridge | undefined;

/** The page's one lint bridge, created on first use (no worker starts until a lint is asked). */
export function lintBridge(): LintBridge {
  shared ??= new LintBridge();
  return shared;
}
