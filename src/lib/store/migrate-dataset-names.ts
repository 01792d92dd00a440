import type { DatasetNameRow, DatasetRow, DatasetRowV4 } from './schema';

/**
 * Version 5: a version row held its one name, so saving equal content under a second name
 * overwrote the first. Each old row becomes content (the row, keyed by its hash) plus one name
 * row carrying the name and the lineage it was saved with. Rows that already have no name (a
 * file exported at version 5 and migrated again) pass through unchanged.
 */
export function splitDatasetNames(tables: Record<string, unknown[]>): Record<string, unknown[]> {
  const rows = (tables.datasets ?? []) as (DatasetRow | DatasetRowV4)[];
  const names: DatasetNameRow[] = [...((tables.datasetNames ?? []) as DatasetNameRow[])];
  const datasets = rows.map((row) => {
    if (!('name' in row) || typeof row.name !== 'string') return row;
    const { name, parents, transform, ...content } = row;
    names.push({
      name,
      versionId: row.id,
      // A copy saved "from" itself recorded its own id as a parent; content cannot derive from itself.
      parents: (parents ?? []).filter((p) => p !== row.id),
      transform,
      createdAt: row.createdAt,
    });
    return content;
  });
  return { ...tables, datasets, datasetNames: names };
}
