import type { ColumnarTable } from '../columnar';
import { hashTable, type DataVersion } from './content-id';

/**
 * Versions stored before data schema 5 hashed a category column's header as "category", so
 * equal content saved again as strings (what an arquero table gives back) no longer hashes to
 * their id. Of `candidates` (the save's parents and the name's newest version), finds the one
 * holding this very content under such an id, so it stays one version. Hashes only for
 * candidates with category columns and the same columns and row count.
 */
export async function legacyTwin(
  table: ColumnarTable,
  candidates: readonly DataVersion[],
): Promise<DataVersion | undefined> {
  const columns = JSON.stringify(table.columns.map((c) => c.name));
  for (const candidate of candidates) {
    const categories = new Set(
      candidate.schema.filter((s) => s.type === 'category').map((s) => s.name),
    );
    if (
      !categories.size ||
      candidate.rowCount !== table.rowCount ||
      JSON.stringify(candidate.schema.map((s) => s.name)) !== columns
    )
      continue;
    const legacyId = await hashTable(table, (c) =>
      categories.has(c.name) && c.type === 'string' ? 'category' : c.type,
    );
    if (legacyId === candidate.id) return candidate;
  }
  return undefined;
}
