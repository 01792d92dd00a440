/** What the app needs on every page: opening the store, reading and writing work, storage status. */
export { openStore } from './open';
export * from './repository';
export * from './persistence';
export { watchCellSources, type StoredSources } from './cell-sync';
