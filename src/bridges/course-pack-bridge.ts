import { transfer } from 'comlink';
import { WorkerConnection } from './worker-connection';
import type { CoursePackApi } from '../workers/course-pack.worker';
import type { PackResult, SiteCourse } from '../lib/lessons/pack/load-pack';
import type { LessonError } from '../lib/lessons/types';

const defaultWorker = () =>
  new Worker(new URL('../workers/course-pack.worker.ts', import.meta.url), { type: 'module' });

/** The course-pack worker is needed at start and on an import; it closes when idle. */
export const IDLE_MS = 30_000;

/** The only owner of the course-pack worker (parsing lessons and unzipping off the page). */
export class CoursePackBridge {
  readonly #worker: WorkerConnection<CoursePackApi>;

  constructor(createWorker: () => Worker = defaultWorker, idleMs = IDLE_MS) {
    this.#worker = new WorkerConnection<CoursePackApi>({
      create: createWorker,
      init: () => undefined,
      crashMessage: (detail) =>
        `Reading the course pack stopped (${detail}). The site's own lessons are unaffected; reload to try again.`,
      idleMs,
    });
  }

  loadSite(siteUrl: string, site: SiteCourse) {
    return this.#worker.call<PackResult>((api) => api.loadSite(siteUrl, site));
  }

  loadStored(site: SiteCourse) {
    return this.#worker.call<PackResult | null>((api) => api.loadStored(site));
  }

  importZip(bytes: Uint8Array, fileName: string, site: SiteCourse) {
    return this.#worker.call<{ result: PackResult; stored: boolean } | { error: LessonError }>(
      (api) => api.importZip(transfer(bytes, [bytes.buffer]), fileName, site),
    );
  }

  removeStored() {
    return this.#worker.call<void>((api) => api.removeStored());
  }

  dispose(): void {
    this.#worker.stop(new Error('The course-pack reader was shut down.'));
  }
}
