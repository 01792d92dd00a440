import type { TestReport } from '../project/testing/types';

/**
 * How lab.test.run() and CI steps run a project's tests. Apart from lab.test itself, so the kernel
 * worker can set its host at start while lab.test loads on a cell's first use.
 */
export type ProjectTestHost = (
  files: Record<string, string>,
  options: { files?: string[]; coverage?: boolean; timeoutMs?: number },
) => Promise<TestReport>;

let host: ProjectTestHost | undefined;

/** The kernel worker sets one that uses a watched worker. */
export function setProjectTestHost(value: ProjectTestHost | undefined): void {
  host = value;
}

// Without a host (Node, the lesson runner) the tests run in this thread; loaded only then, so
// chai stays out of the kernel's bundle.
const inThisThread: ProjectTestHost = async (files, options) =>
  (await import('../project/testing/run-project-tests')).runProjectTests(files, options);

/** The test runner lab.test.run() uses (a watched worker in the app); CI steps use it too. */
export function projectTestHost(): ProjectTestHost {
  return host ?? inThisThread;
}
