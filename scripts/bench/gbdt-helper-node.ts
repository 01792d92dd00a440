import { parentPort, workerData } from 'node:worker_threads';
import { serveHistograms, type PoolMemory } from '../../src/workers/gbdt-pool';

/** A histogram helper on a Node thread: src/workers/gbdt-helper.worker.ts's twin for Node. */
const { memory, thread } = workerData as { memory: PoolMemory; thread: number };
parentPort!.postMessage('ready');
serveHistograms(memory, thread);
