export { openDatabase, declareSchema, type LabbookDB } from './db';
export { DB_NAME, CURRENT_VERSION, SCHEMA, migrateRows } from './schema';
export { StoreError, toStoreError } from './errors';
export * from './repository';
export * from './data';
export * from './persistence';
export * from './workspace-file';
export { openStore } from './open';
export { dexieDataPort } from './data-port';
