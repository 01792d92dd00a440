export * from './errors';
export * from './engine';
export * from './names';
export { sandboxRuntime, isSandboxPath, type RuntimeHelpers } from './sandbox-runtime';
export { positionOf, problemOf } from './sql-position';
export type { DuckPort } from './port';
export { DUCK_OPEN_CONFIG, CANCELLED_MESSAGE } from './pending-query';
export { SerialDuck } from './serial-duck';
