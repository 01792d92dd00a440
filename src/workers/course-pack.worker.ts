import { expose } from 'comlink';
import { SHIPPED_DATASETS } from '../lib/data/catalog/shipped';
import { loadPack, type PackResult, type SiteCourse } from '../lib/lessons/pack/load-pack';
import {
  readPackZip,
  restorePack,
  STORED_PACK_KEY,
  storePack,
  zipReader,
} from '../lib/lessons/pack/pack-zip';
import { siteReader } from '../lib/lessons/pack/site-reader';
import type { LessonError } from '../lib/lessons/types';
import { openStore } from '../lib/store/open';
import { readSetting, writeSetting } from '../lib/store/settings';

// `datasets:` names a folder of datasets/, as the build checks it.
const datasets = [...new Set(SHIPPED_DATASETS.map((d) => d.file.split('/')[0]!))];

let store: ReturnType<typeof openStore> | undefined;
function db() {
  store ??= openStore();
  // A store that failed to open is tried again on the next call.
  store.catch(() => (store = undefined));
  return store;
}

/**
 * Course packs, read and checked off the page's thread: the site's `course/` folder, a pack zip
 * a student imports (stored in the settings table, so it survives a reload and goes with a
 * workspace export), and the stored one at start.
 */
const api = {
  /** `course/course.yaml` next to the site's index.html: no pack when it answers 404. */
  loadSite(siteUrl: string, site: SiteCourse): Promise<PackResult> {
    return loadPack(siteReader(siteUrl), site, { datasets });
  },

  /** The pack the student imported, checked again against this version of the site; null: none. */
  async loadStored(site: SiteCourse): Promise<PackResult | null> {
    const stored = restorePack(await readSetting<unknown>(await db(), STORED_PACK_KEY, null));
    if (!stored) return null;
    return loadPack(zipReader(stored.files, stored.fileName).reader, site, { datasets });
  },

  /**
   * Reads, checks and stores a pack zip. Stored only when at least one lesson loads; what is
   * stored is the files the pack uses, nothing else of the zip. The result names every problem.
   */
  async importZip(
    bytes: Uint8Array,
    fileName: string,
    site: SiteCourse,
  ): Promise<{ result: PackResult; stored: boolean } | { error: LessonError }> {
    const read = readPackZip(bytes, fileName);
    if ('error' in read) return read;
    const { reader, used } = zipReader(read.files, fileName);
    const result = await loadPack(reader, site, { datasets });
    result.errors.unshift(...read.errors);
    if (result.lessons.length === 0) return { result, stored: false };
    await writeSetting(await db(), STORED_PACK_KEY, storePack(fileName, used));
    return { result, stored: true };
  },

  /** Forgets the imported pack: the site's course (and its own pack, if any) shows again. */
  async removeStored(): Promise<void> {
    await (await db()).settings.delete(STORED_PACK_KEY);
  },
};

expose(api);
export type CoursePackApi = typeof api;
