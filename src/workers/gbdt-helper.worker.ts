import { expose } from 'comlink';
import { serveHistograms, type PoolMemory } from './gbdt-pool';

/**
 * One helper thread of a boosted-tree fit: it builds its share of every node's histogram in the
 * pool's shared memory until the fit releases it. `serve` blocks this worker throughout (it has
 * nothing else to do); its owner terminates it when the fit ends.
 */
const api = {
  serve(memory: PoolMemory, thread: number): void {
    serveHistograms(memory, thread);
  },
};

expose(api);
export type GbdtHelperApi = typeof api;
