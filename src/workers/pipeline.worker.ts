import { expose } from 'comlink';
import type { LabServices } from '../lib/lab/services';
import { runPipeline, type PipelineConfig, type RunOptions } from '../lib/pipeline';
import { createWorkerServices } from './worker-services';

let services: Promise<LabServices> | undefined;

/** One lane of a sweep: runs pipeline configs against the same IndexedDB as the kernel. */
const api = {
  init(siteUrl: string): void {
    services ??= createWorkerServices(siteUrl);
  },
  async run(config: PipelineConfig, options: Omit<RunOptions, 'onStep'>) {
    if (!services) throw new Error('The pipeline worker was not initialised.');
    const s = await services;
    return runPipeline(config, s, options);
  },
};

expose(api);
export type PipelineWorkerApi = typeof api;
