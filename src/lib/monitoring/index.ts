/**
 * Monitoring, worker-ready: drift statistics, the column-wise detector and seeded drift
 * scenarios. Pure TypeScript over typed arrays, no DOM, so it runs in a Web Worker and in Node.
 */
export * from './stats';
export * from './detect';
export * from './scenarios';
export * from './traffic';
