/**
 * A kernel worker started ahead of the lesson page: its scripts download and compile while the
 * app and the lesson load, so a first Run does not wait for the worker to start. The lesson's
 * KernelBridge adopts it; a restart or crash later starts a fresh one as before.
 */
let spare: Worker | undefined;

export const startKernelWorker = () =>
  new Worker(new URL('../workers/kernel.worker.ts', import.meta.url), { type: 'module' });

/** Starts the spare kernel worker (once). The page calls it when it opens on a lesson. */
export function prewarmKernel(): void {
  spare ??= startKernelWorker();
}

/** The spare if there is one (handed out once), else a new kernel worker. */
export function takeKernelWorker(): Worker {
  const worker = spare ?? startKernelWorker();
  spare = undefined;
  return worker;
}
