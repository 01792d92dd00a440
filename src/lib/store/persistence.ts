export interface StorageInfo {
  supported: boolean;
  persisted: boolean;
  usage?: number;
  quota?: number;
}

/** `navigator.storage` as a page has it (a worker's lacks `persist`). */
interface StorageLike {
  estimate(): Promise<{ usage?: number; quota?: number }>;
  persist(): Promise<boolean>;
  persisted(): Promise<boolean>;
}

const defaultStorage = (): StorageLike | undefined =>
  typeof navigator === 'undefined' ? undefined : (navigator.storage as unknown as StorageLike);

export async function storageEstimate(storage = defaultStorage()): Promise<StorageInfo> {
  if (!storage) return { supported: false, persisted: false };
  const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted()]);
  return { supported: true, persisted, usage: estimate.usage, quota: estimate.quota };
}

/** Asks the browser not to evict the workspace; browsers may say no (then we tell the student). */
export async function requestPersistentStorage(storage = defaultStorage()): Promise<StorageInfo> {
  if (!storage) return { supported: false, persisted: false };
  const persisted = (await storage.persisted()) || (await storage.persist());
  const estimate = await storage.estimate();
  return { supported: true, persisted, usage: estimate.usage, quota: estimate.quota };
}

function size(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) [value, unit] = [value / 1000, unit + 1];
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function describeStorage(info: StorageInfo): string {
  if (!info.supported)
    return 'This browser does not report storage; export your workspace to keep a copy.';
  const used =
    info.usage !== undefined && info.quota ? ` (${size(info.usage)} of ${size(info.quota)})` : '';
  return info.persisted
    ? `Saved in this browser${used}; the browser will not clear it on its own.`
    : `Saved in this browser${used}. The browser may clear this storage when space runs low: export your workspace to keep a copy.`;
}
