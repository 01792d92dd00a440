import { deepEqual } from '../data/docstore/query';
import type { LabbookDB } from './db';
import type { DocumentRow } from './schema';

/** A document of the file stored under a new id, because this browser's id holds another one. */
export interface DocumentMergeNote {
  table: string;
  docId: number;
  keptAs: number;
}

/**
 * Prepares the file's NoSQL documents for a merge so neither side loses one. A document id is a
 * counter per table (the document store's `max + 1`), so two browsers hand out the same ids to
 * different documents: where this browser's id holds an equal document (as JSON) the two are one;
 * where it holds another, the file's is given the table's next free id and reported, unless an
 * equal document is already stored under another id (a file merged twice adds no second copy).
 * Write times are not compared: no document replaces another, so one written before times were
 * stored (none) is kept exactly like any other. Reads only: the caller's transaction writes.
 */
export async function remapDocuments(
  db: LabbookDB,
  rows: readonly DocumentRow[],
): Promise<{ rows: DocumentRow[]; notes: DocumentMergeNote[] }> {
  const out: DocumentRow[] = [];
  const notes: DocumentMergeNote[] = [];
  for (const table of new Set(rows.map((r) => r.table))) {
    const local = await db.documents.where('table').equals(table).toArray();
    const theirs = rows.filter((r) => r.table === table);
    const byId = new Map(local.map((r) => [r.docId, r]));
    // A loop, not Math.max(...ids): a table may hold more documents than a call has arguments.
    let next = 0;
    for (const r of [...local, ...theirs]) next = Math.max(next, r.docId);
    for (const row of theirs) {
      const mine = byId.get(row.docId);
      if (!mine || deepEqual(mine.doc, row.doc)) out.push(row);
      else if (!local.some((r) => deepEqual(r.doc, row.doc))) {
        const keptAs = ++next;
        out.push({ ...row, docId: keptAs });
        notes.push({ table, docId: row.docId, keptAs });
      }
    }
  }
  return { rows: out, notes };
}
