import { liveQuery } from 'dexie';
import type { LabbookDB } from './db';
import { toStoreError } from './errors';

export type StoredSources = Map<string, { source: string; updatedAt: number }>;

/**
 * Calls `listener` with a lesson's stored cell sources now and after every change, from this tab
 * or any other (Dexie's liveQuery hears other tabs over a BroadcastChannel). Returns the stop.
 */
export function watchCellSources(
  db: LabbookDB,
  lessonId: string,
  listener: (rows: StoredSources) => void,
  onError: (error: Error) => void = () => undefined,
): () => void {
  const subscription = liveQuery(() =>
    db.cells.where('lessonId').equals(lessonId).toArray(),
  ).subscribe({
    next: (rows) =>
      listener(new Map(rows.map((r) => [r.cellId, { source: r.source, updatedAt: r.updatedAt }]))),
    error: (error: unknown) => onError(toStoreError(error)),
  });
  return () => subscription.unsubscribe();
}
