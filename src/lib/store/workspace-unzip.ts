import { Inflate } from 'fflate';

/** One thing wrong with an imported file, located as precisely as we can. */
export interface Problem {
  file: string;
  row?: number;
  field?: string;
  message: string;
}

export interface UnzipLimits {
  /** Expanded bytes of all entries together. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Entries under these prefixes are counted and checked but never inflated. */
  skip?: readonly string[];
  /**
   * Given, an entry whose name would escape a folder is left out and reported here instead of
   * refusing the whole zip (a project import lists what it skipped; a workspace is all or none).
   */
  onBadName?: (name: string, message: string) => void;
  /** What the zip should be, for the "not a zip" message. Default: a Labbook workspace export. */
  kind?: string;
}

/**
 * A workspace zip is never trusted to be what it says: a few MB can declare (or secretly expand
 * to) gigabytes, or hold a hundred thousand entries. A workspace has one entry per table and one
 * per binary row, so 20,000 entries is far beyond any real one.
 */
export const MAX_ENTRIES = 20_000;
/** Nothing larger than this is inflated, whatever the quota says: the tab would run out of memory. */
export const ABSOLUTE_MAX_BYTES = 1024 ** 3;
/** The floor of the budget, so an import still works where the browser reports a tiny quota. */
export const MIN_BUDGET_BYTES = 64 * 1024 ** 2;

/** The expanded-size budget of an import: what the storage has free, within the ceiling. */
export function importBudget(storage?: { usage?: number; quota?: number }): number {
  if (storage?.quota === undefined) return ABSOLUTE_MAX_BYTES;
  const free = storage.quota - (storage.usage ?? 0);
  return Math.min(ABSOLUTE_MAX_BYTES, Math.max(MIN_BUDGET_BYTES, free));
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) [value, unit] = [value / 1000, unit + 1];
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

class Refusal {
  constructor(readonly problem: Problem) {}
}

const refuse = (file: string, message: string): never => {
  throw new Refusal({ file, message });
};

const notAZip = (limits: UnzipLimits) =>
  `This is not ${limits.kind ?? 'a Labbook workspace export'}: it is not a zip file.`;

/** Reads the zip's central directory: every entry's name and declared sizes, nothing inflated. */
function readDirectory(bytes: Uint8Array, limits: UnzipLimits): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) refuse('(file)', notAZip(limits));
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff)
    refuse('(file)', 'The zip uses the ZIP64 format, which no Labbook export uses.');
  if (count > limits.maxEntries)
    refuse(
      '(file)',
      `The zip has ${count.toLocaleString('en')} entries; ${limits.kind ?? 'a Labbook workspace'} has at most ${limits.maxEntries.toLocaleString('en')}. Nothing was imported.`,
    );
  const entries: Entry[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      refuse('(file)', `${notAZip(limits)} (its directory is damaged at entry ${i + 1})`);
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** Names that would escape a folder if anyone ever wrote them out, or that shadow another entry. */
function checkNames(entries: Entry[], limits: UnzipLimits): Entry[] {
  const seen = new Set<string>();
  const kept: Entry[] = [];
  for (const entry of entries) {
    const { name } = entry;
    const parts = name.split(/[/\\]/);
    if (
      name.startsWith('/') ||
      /^[a-z]:/i.test(name) ||
      parts.includes('..') ||
      name.includes('\0')
    ) {
      const message = `The zip entry "${name}" points outside the ${limits.onBadName ? 'project' : 'workspace'}; refused.`;
      if (!limits.onBadName) return refuse(name, message);
      limits.onBadName(name, message);
      continue;
    }
    if (seen.has(name))
      refuse(name, `The zip holds "${name}" twice, so which one is meant is unclear; refused.`);
    seen.add(name);
    kept.push(entry);
  }
  return kept;
}

function inflateEntry(bytes: Uint8Array, entry: Entry, budgetLeft: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50)
    refuse(entry.name, `The zip entry "${entry.name}" is damaged (no local header).`);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize)
    refuse(entry.name, `The zip entry "${entry.name}" is cut short: the file is truncated.`);
  if (entry.flags & 1) refuse(entry.name, `The zip entry "${entry.name}" is encrypted.`);
  const tooBig = (seen: number): void => {
    if (seen > entry.size)
      refuse(
        entry.name,
        `The zip entry "${entry.name}" declares ${formatBytes(entry.size)} but expands to more; refused as a zip bomb.`,
      );
    if (seen > budgetLeft)
      refuse(
        entry.name,
        `The zip entry "${entry.name}" expands to ${formatBytes(entry.size)}, more than the ${formatBytes(budgetLeft)} left of this import's budget (what your browser storage has free, at most ${formatBytes(ABSOLUTE_MAX_BYTES)}). Nothing was imported.`,
      );
  };
  tooBig(entry.size);
  if (entry.method === 0) return data.slice();
  if (entry.method !== 8)
    refuse(entry.name, `The zip entry "${entry.name}" uses compression method ${entry.method}.`);
  const out = new Uint8Array(entry.size);
  let written = 0;
  const inflate = new Inflate((chunk) => {
    tooBig(written + chunk.length);
    out.set(chunk, written);
    written += chunk.length;
  });
  // Small pushes bound what one push can expand to (deflate's ratio is at most ~1,032:1).
  const STEP = 16 * 1024;
  try {
    for (let i = 0; i < data.length; i += STEP)
      inflate.push(data.subarray(i, i + STEP), i + STEP >= data.length);
    if (data.length === 0) inflate.push(data, true);
  } catch (error) {
    if (error instanceof Refusal) throw error;
    refuse(entry.name, `The zip entry "${entry.name}" is damaged: its data does not inflate.`);
  }
  if (written !== entry.size)
    refuse(
      entry.name,
      `The zip entry "${entry.name}" declares ${formatBytes(entry.size)} but holds ${formatBytes(written)}.`,
    );
  return out;
}

/**
 * Unzips entry by entry, checking declared and actual sizes against the budget as it inflates,
 * so a zip bomb is refused before it can exhaust memory. Refusals name the entry and sizes.
 */
export function boundedUnzip(
  bytes: Uint8Array,
  limits: UnzipLimits,
):
  | {
      ok: true;
      files: Record<string, Uint8Array>;
      folders: string[];
      /** Every file entry's declared size, skipped ones included. */
      sizes: Record<string, number>;
    }
  | { ok: false; problem: Problem } {
  try {
    const entries = checkNames(readDirectory(bytes, limits), limits);
    const files: Record<string, Uint8Array> = {};
    const folders: string[] = [];
    const sizes: Record<string, number> = {};
    let total = 0;
    for (const entry of entries) {
      if (entry.name.endsWith('/')) folders.push(entry.name);
      else sizes[entry.name] = entry.size;
      if (entry.name.endsWith('/') || limits.skip?.some((p) => entry.name.startsWith(p))) continue;
      const data = inflateEntry(bytes, entry, limits.maxTotalBytes - total);
      total += data.length;
      files[entry.name] = data;
    }
    return { ok: true, files, folders, sizes };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem };
    return { ok: false, problem: { file: '(file)', message: notAZip(limits) } };
  }
}
