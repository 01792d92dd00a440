import './buffer-global'; // p.git in cells runs isomorphic-git here too
// The cell transform's parser, imported here too so the entry names its chunk: otherwise it is
// requested only once the chunk that uses it has arrived, a second round trip before any run.
import 'acorn';
import { expose } from 'comlink';
import type { Output } from '../lib/kernel/outputs';
import { createKernelRuntime } from '../lib/kernel/runtime';
import { setProjectTestHost } from '../lib/lab/project-test-host';
import { followActiveProject } from '../lib/lab/project-services';
import { projectSource } from '../lib/project/modules/project-source';
import { ProjectTestBridge } from '../bridges/project-test-bridge';
import { labServices, setLabServices } from '../lib/lab/services';
import { holdSession, webLocks } from '../lib/tracking/liveness';
import { guardKernelScope } from './kernel-guards';
import { memoryBudget, type MemoryNotice } from '../lib/kernel/memory-budget';
import { meterBuffers } from '../lib/kernel/memory-meter';
import { hardenRealm } from '../lib/kernel/harden-intrinsics';

/** What the warm-up parses: a declaration, a function, an expression statement. */
const WARM_UP_CELL = 'const a = [1, 2];\nfunction f(x) { return x * 2; }\nf(a.length);';

// First, before any cell can run: cells share this global scope with the Labbook's own storage.
const storeDeps = guardKernelScope(globalThis);
// Then the memory meter: over budget, the page stops this worker before it can take the tab down.
const notify = self.postMessage.bind(self);
const budget = memoryBudget((navigator as { deviceMemory?: number }).deviceMemory);
let noticed = false;
meterBuffers(self as unknown as Record<string, unknown>, budget, () => {
  if (noticed) return;
  noticed = true;
  notify({ type: 'labbook-kernel-over-memory', budget } satisfies MemoryNotice);
});

// Then the built-ins frozen (SES lockdown), so a cell's timer cannot patch them while a check awaits.
const hardened = hardenRealm();

const runtime = createKernelRuntime();
// Runs record this session; its lock, held while this worker lives, tells other pages whether
// the kernel behind a RUNNING run still exists.
const locks = webLocks();
const session = crypto.randomUUID();
if (locks) runtime.setSession(session);
let configure: (siteUrl: string) => void;
// Said in the first cell that runs when the workspace database could not be opened: whatever the
// cells save then lives only as long as this kernel.
let memoryOnly: string | undefined;
function memoryOnlyNotice(): Output | undefined {
  if (memoryOnly === undefined) return undefined;
  const text = `Your browser storage could not be opened, so data, runs and models made in cells are kept in memory only and are lost when the kernel restarts. ${memoryOnly}\n`;
  memoryOnly = undefined;
  return { type: 'stream', name: 'stderr', text };
}
// Cells wait for the runtime, the session lock and the storage `init` sets up: comlink delivers
// calls as they come, so a run can arrive while init is still opening IndexedDB.
// Marks for the cold-load bench (scripts/bench/cold-load.ts), which reads this worker's timeline.
performance.mark('kernel:evaluated');
const started = Promise.all([
  hardened.then(() => runtime.reset()),
  locks && holdSession(locks, session),
]).then(() => {
  performance.mark('kernel:runtime-ready');
  // A sample cell through the transform, in a task of its own (a run already queued goes first):
  // the parser's code is compiled on first use, which would otherwise fall on the first Run.
  setTimeout(() => runtime.needsServices(WARM_UP_CELL));
});
/**
 * After `init`, the services load once a call needs them or this long has passed, whichever comes
 * first. Loaded at `init`, their compiling held up a student's first plain cell, pressed as soon as
 * its Run button showed, by 150–250 ms on a busy machine; loaded only when needed (or a second
 * later), they fell on the first cell that stores, and the page had a 50–60 ms task as it began.
 */
const SERVICES_AFTER_MS = 300;
let wantServices: () => void;
const servicesWanted = new Promise<void>((resolve) => (wantServices = resolve));
const ready = Promise.all([
  started,
  new Promise<string>((resolve) => (configure = resolve)).then(async (siteUrl) => {
    await servicesWanted;
    // Their own chunks (storage ports, zod, Dexie, trainers, pools: ~250 KB), requested after the
    // lesson page sends `init`: fetched and compiled earlier, they competed with the page's own
    // scripts and the lesson's rendering for the CPU. A plain cell does not wait for them.
    const { createWorkerServices } = await import('./worker-services');
    const services = await createWorkerServices(siteUrl, {
      storeDeps,
      onMemoryOnly: (reason) => (memoryOnly = reason),
    });
    setLabServices(services);
    // lab.project.open() and the lesson page set the active project; imports follow it.
    followActiveProject(services.projects, (id) =>
      runtime.useProject(id === null ? null : projectSource(services.projects.port, id)),
    );
    performance.mark('kernel:services-ready');
  }),
]);
// Only the calls that need the services report a failure to start them.
ready.catch(() => undefined);
/** The services, loaded now if they were not yet. */
function services(): typeof ready {
  wantServices();
  return ready;
}
// lab.test.run() runs the tests in a worker of their own, watched, as the Tests panel does: a test
// stuck in a loop stops that worker, not the kernel.
const testBridge = new ProjectTestBridge();
setProjectTestHost((files, options) => testBridge.run(files, options));

const api = {
  /** `siteUrl`: the site's root, where `datasets/` is served (workers live under `assets/`). */
  async init(siteUrl: string, lessonId?: string): Promise<void> {
    performance.mark('kernel:init');
    if (lessonId) runtime.setLesson(lessonId);
    configure(siteUrl);
    setTimeout(wantServices, SERVICES_AFTER_MS);
    // Plain cells can run from here; calls that need storage wait for `ready` themselves (and
    // get its failure).
    await started;
  },
  async run(cellId: string, source: string, onOutput: (output: Output) => void) {
    performance.mark('kernel:run');
    // A plain cell runs as soon as the runtime is up; on a cold visit IndexedDB may still be
    // creating its tables, and the notice below waits for the first cell that can store.
    await (runtime.needsServices(source) ? services() : started);
    const notice = memoryOnlyNotice();
    if (notice) onOutput(notice);
    const result = await runtime.run(cellId, source, onOutput);
    performance.mark('kernel:ran');
    return notice ? { ...result, outputs: [notice, ...result.outputs] } : result;
  },
  /**
   * Makes a project the one `import … from 'project:src/x.js'` and lab.test.run() read (null:
   * none). Nothing of it runs until a cell imports it.
   */
  async useProject(projectId: string | null): Promise<void> {
    await services();
    labServices().projects.setActive(projectId);
  },
  /** A lesson's hidden setup: its names reach checks, never cells. */
  async runSetup(cellId: string, source: string, onOutput: (output: Output) => void) {
    await (runtime.needsServices(source) ? services() : started);
    const result = await runtime.runSetup(cellId, source, onOutput);
    performance.mark('kernel:setup-ran');
    return result;
  },
  async check(exerciseId: string, source: string, hint: string) {
    await services();
    return runtime.check(exerciseId, source, hint);
  },
  tablePage(ref: string, offset: number, limit: number) {
    return runtime.tablePage(ref, offset, limit);
  },
  completions(): string[] {
    return runtime.completions();
  },
};

expose(api);
export type KernelApi = typeof api;
