import { fromFilter, Query, type Doc } from './query';

export interface StoredDoc {
  docId: number;
  doc: Doc;
}

/** Where documents live between sessions (IndexedDB in the app, memory in tests). */
export interface DocStorePort {
  load(table: string): Promise<StoredDoc[]>;
  save(table: string, changes: { put: StoredDoc[]; delete: number[] }): Promise<void>;
}

export function memoryDocPort(): DocStorePort & { tables: Map<string, Map<number, Doc>> } {
  const tables = new Map<string, Map<number, Doc>>();
  return {
    tables,
    async load(table) {
      return [...(tables.get(table) ?? new Map()).entries()].map(([docId, doc]) => ({
        docId,
        doc: structuredClone(doc),
      }));
    },
    async save(table, changes) {
      const t = tables.get(table) ?? new Map<number, Doc>();
      for (const id of changes.delete) t.delete(id);
      for (const { docId, doc } of changes.put) t.set(docId, structuredClone(doc));
      tables.set(table, t);
    },
  };
}

type Condition = Query | Doc;
const toQuery = (c: Condition): Query => (c instanceof Query ? c : fromFilter(c));

/** A JSON document, checked field by field: the store keeps only what JSON can hold. */
function checkJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new TypeError(`${path} is ${value}; JSON has no such number.`);
    return;
  }
  if (Array.isArray(value)) return value.forEach((v, i) => checkJson(v, `${path}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) checkJson(v, `${path}.${k}`);
    return;
  }
  throw new TypeError(
    `${path} is ${value === undefined ? 'undefined' : typeof value === 'object' ? `a ${(value as object).constructor?.name ?? 'object'}` : `a ${typeof value}`}; documents hold only JSON values (objects, arrays, strings, numbers, booleans, null).`,
  );
}

/**
 * One table of documents, TinyDB's API. Ids count up from 1; as in TinyDB, a table opened again
 * numbers on from its highest stored id.
 */
export class DocTable {
  readonly #docs = new Map<number, Doc>();
  #nextId = 1;
  #pending: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly port: DocStorePort,
    loaded: StoredDoc[],
  ) {
    for (const { docId, doc } of loaded) {
      this.#docs.set(docId, doc);
      this.#nextId = Math.max(this.#nextId, docId + 1);
    }
  }

  #write(put: number[], del: number[]): void {
    const changes = {
      put: put.map((docId) => ({ docId, doc: structuredClone(this.#docs.get(docId)!) })),
      delete: del,
    };
    // Writes reach storage in the order they were made.
    this.#pending = this.#pending.then(() => this.port.save(this.name, changes));
  }

  /** Resolves when every change so far is stored. */
  flush(): Promise<void> {
    return this.#pending;
  }

  insert(doc: Doc): number {
    checkJson(doc, 'document');
    const id = this.#nextId++;
    this.#docs.set(id, structuredClone(doc));
    this.#write([id], []);
    return id;
  }

  insertMultiple(docs: Doc[]): number[] {
    docs.forEach((d, i) => checkJson(d, `documents[${i}]`));
    return docs.map((d) => this.insert(d));
  }

  all(): (Doc & { doc_id: number })[] {
    return [...this.#docs].map(([id, d]) => ({ ...structuredClone(d), doc_id: id }));
  }

  search(cond: Condition): (Doc & { doc_id: number })[] {
    const q = toQuery(cond);
    return this.all().filter((d) => q.test(d));
  }

  get(cond: Condition | number): (Doc & { doc_id: number }) | null {
    if (typeof cond === 'number') {
      const d = this.#docs.get(cond);
      return d ? { ...structuredClone(d), doc_id: cond } : null;
    }
    return this.search(cond)[0] ?? null;
  }

  count(cond: Condition): number {
    return this.search(cond).length;
  }

  contains(cond: Condition): boolean {
    return this.count(cond) > 0;
  }

  #ids(cond?: Condition | number[]): number[] {
    if (cond === undefined) return [...this.#docs.keys()];
    if (Array.isArray(cond)) return cond.filter((id) => this.#docs.has(id));
    const q = toQuery(cond);
    return [...this.#docs].filter(([, d]) => q.test(d)).map(([id]) => id);
  }

  /** Sets fields (or applies a function) on matching documents; returns their ids. */
  update(fields: Doc | ((doc: Doc) => void), cond?: Condition | number[]): number[] {
    const ids = this.#ids(cond);
    for (const id of ids) {
      const next = structuredClone(this.#docs.get(id)!);
      if (typeof fields === 'function') fields(next);
      else Object.assign(next, structuredClone(fields));
      checkJson(next, `document ${id}`);
      this.#docs.set(id, next);
    }
    if (ids.length) this.#write(ids, []);
    return ids;
  }

  upsert(doc: Doc, cond: Condition): number[] {
    const updated = this.update(doc, cond);
    return updated.length ? updated : [this.insert(doc)];
  }

  remove(cond: Condition | number[]): number[] {
    const ids = this.#ids(cond);
    for (const id of ids) this.#docs.delete(id);
    if (ids.length) this.#write([], ids);
    return ids;
  }

  truncate(): void {
    this.remove([...this.#docs.keys()]);
  }

  get length(): number {
    return this.#docs.size;
  }
}

export class DocumentStore {
  readonly #tables = new Map<string, DocTable>();
  constructor(private readonly port: DocStorePort) {}

  async table(name = '_default'): Promise<DocTable> {
    let t = this.#tables.get(name);
    if (!t) {
      t = new DocTable(name, this.port, await this.port.load(name));
      this.#tables.set(name, t);
    }
    return t;
  }
}
