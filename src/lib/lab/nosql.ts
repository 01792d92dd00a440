import {
  DocumentStore,
  fromFilter,
  where,
  type DocStorePort,
  type DocTable,
} from '../data/docstore';
import { defineLabNamespace } from './index';
import { labServices } from './services';

let store: { port: DocStorePort; documents: DocumentStore } | undefined;

defineLabNamespace('nosql', () => ({
  /** A table of JSON documents (TinyDB's `db.table(name)`), saved in the browser. */
  async table(name = '_default'): Promise<DocTable> {
    const port = labServices().documents;
    if (store?.port !== port) store = { port, documents: new DocumentStore(port) };
    return store.documents.table(name);
  },
  where,
  filter: fromFilter,
}));
