import { expose } from 'comlink';
import { guardKernelScope } from './kernel-guards';
import { importModule } from '../lib/kernel/modules';
import { runProjectTests } from '../lib/project/testing';
import type { RunTestsOptions, TestEvent } from '../lib/project/testing';

// First, before any project code runs: test files get the same guards as cells (the Labbook's
// own databases and caches refused, no blob: workers).
guardKernelScope(globalThis);

const api = {
  /** Runs the project's tests; `onEvent` reports progress, which the bridge's watchdog follows. */
  run(
    files: Record<string, string>,
    options: Omit<RunTestsOptions, 'onEvent' | 'importLibrary'>,
    onEvent: (event: TestEvent) => void,
  ) {
    return runProjectTests(files, { ...options, onEvent, importLibrary: importModule });
  },
};

expose(api);
export type ProjectTestApi = typeof api;
