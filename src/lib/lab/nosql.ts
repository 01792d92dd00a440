import { DocumentStore, fromFilter, where, type DocTable } from '../data/docstore';
import { defineLabNamespace } from './index';
import { labServices } from './services';

let store: DocumentStore | undefined;

defineLabNamespace('nosql', () => ({
  /** A table of JSON documents (TinyDB's `db.table(name)`), saved in the browser. */
  async table(name = '_default'): Promise<DocTable> {
    store ??= new DocumentStore(labServices().documents);
    return store.table(name);
  },
  where,
  filter: fromFilter,
}));
