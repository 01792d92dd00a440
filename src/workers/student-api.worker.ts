import { expose } from 'comlink';
import { guardKernelScope } from './kernel-guards';
import { importModule } from '../lib/kernel/modules';
import { ModelRegistry } from '../lib/registry';
import { inProcessStudentHost } from '../lib/serving/student/in-process';
import { cachedPredictors } from '../lib/serving/student/models';
import { projectTexts } from '../lib/serving/student/project-files';
import type { StudentCall } from '../lib/serving/student/protocol';
import { openStore } from '../lib/store/open';
import { dexieProjectPort } from '../lib/store/project-port';
import { dexieRegistryPort } from '../lib/store/registry-port';
import { dexieTrackingPort } from '../lib/store/tracking-port';

// First, before any student code runs: handlers get the same guards as cells (the Labbook's own
// databases and caches refused, no blob: workers). The store is reached through the kept methods.
const storeDeps = guardKernelScope(globalThis);

const host = (async () => {
  const db = await openStore(storeDeps);
  const registry = new ModelRegistry(dexieRegistryPort(db), dexieTrackingPort(db));
  return inProcessStudentHost({
    readText: projectTexts(dexieProjectPort(db)),
    importLibrary: importModule,
    loadPredictor: cachedPredictors((uri) => registry.loadPredictor(uri)),
  });
})();

const api = {
  /** One request to a project's API; the bridge's watchdog stops this worker if it overruns. */
  async handle(project: string, call: StudentCall) {
    return (await host)(project, call);
  },
};

expose(api);
export type StudentApiWorkerApi = typeof api;
