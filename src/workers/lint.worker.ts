import { expose } from 'comlink';
import type { LintDiagnostic, LintOptions, ProjectLintReport } from '../lib/project/lint';
import type { ProjectStoragePort } from '../lib/project/storage-port';

// ESLint is over a megabyte: it loads on the first lint, in this worker only, never on the page.
const linting = () => import('../lib/project/lint');

let storage: Promise<ProjectStoragePort> | undefined;
function projects(): Promise<ProjectStoragePort> {
  storage ??= Promise.all([import('../lib/store/open'), import('../lib/store/project-port')]).then(
    async ([{ openStore }, { dexieProjectPort }]) => dexieProjectPort(await openStore()),
  );
  // A store that failed to open (blocked, newer database) is tried again on the next call.
  storage.catch(() => (storage = undefined));
  return storage;
}

const api = {
  /** Lints text as the given kind of file. */
  async lint(text: string, options: LintOptions): Promise<LintDiagnostic[]> {
    return (await linting()).lintSource(text, options);
  },

  /** Lints a cell; `otherCells` are the sources of the lesson's other cells (one shared scope). */
  async lintCell(text: string, path: string, otherCells: string[]): Promise<LintDiagnostic[]> {
    const lib = await linting();
    const knownGlobals = lib.declaredByCells(otherCells);
    return lib.lintSource(text, { path, kind: 'cell', knownGlobals });
  },

  /** Lints a project file as the editor holds it, with the project's saved eslint.config.json. */
  async lintProjectFile(projectId: string, path: string, text: string): Promise<LintDiagnostic[]> {
    return (await linting()).lintProjectFile(await projects(), projectId, path, text);
  },

  /** Lints every JavaScript file of a stored project (the Problems panel, `labbook lint`). */
  async lintProject(
    projectId: string,
    options: { strict?: boolean } = {},
  ): Promise<ProjectLintReport> {
    return (await linting()).lintStoredProject(await projects(), projectId, options);
  },
};

expose(api);
export type LintWorkerApi = typeof api;
