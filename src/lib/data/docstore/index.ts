export { DocumentStore, DocTable, memoryDocPort, type DocStorePort, type StoredDoc } from './store';
export { Field, Query, fromFilter, where, type Doc } from './query';
