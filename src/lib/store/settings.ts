import type { LabbookDB } from './db';
import { guard } from './errors';

/** A student's preference by key (kept in the workspace, exported with it). */
export async function readSetting<T>(db: LabbookDB, key: string, fallback: T): Promise<T> {
  return guard(async () => ((await db.settings.get(key))?.value as T | undefined) ?? fallback);
}

export async function writeSetting(db: LabbookDB, key: string, value: unknown): Promise<void> {
  await guard(async () => void (await db.settings.put({ key, value, updatedAt: Date.now() })));
}
