import {
  course as builtCourse,
  lessonIndex as builtIndex,
  loadLesson as loadBuiltLesson,
} from 'virtual:lessons';
import { CoursePackBridge } from '../bridges/course-pack-bridge';
import type { Course } from '../lib/lessons/course-types';
import { LESSONS_UPDATE_EVENT, type LessonsUpdate } from '../lib/lessons/hot-update';
import type { PackResult, SiteCourse } from '../lib/lessons/pack/load-pack';
import { siteReader } from '../lib/lessons/pack/site-reader';
import { STORED_PACK_KEY } from '../lib/lessons/pack/stored-key';
import { readSetting } from '../lib/store/settings';
import { workspace } from './workspace.svelte';
import type { Lesson, LessonError, LessonMeta } from '../lib/lessons/types';

/* eslint-disable svelte/prefer-svelte-reactivity -- the lesson map is replaced whole, never mutated. */

/** A pack that does not answer in this long is reported and the site's course shown. */
const PACK_WAIT_MS = 8_000;

/**
 * The course the student sees: the site's own lessons, then the `course/` pack next to
 * index.html, then a pack the student imported, each merged over the one before by the same
 * loader `npm run pack` runs. Every page reads the index and the course from here.
 */
export class CourseState {
  index = $state<LessonMeta[]>(builtIndex);
  course = $state<Course>(builtCourse);
  /** The site's `course/` pack, once read (null: none, or still loading). */
  sitePack = $state<PackResult | null>(null);
  /** The pack zip the student imported on the Workspace page. */
  importedPack = $state<PackResult | null>(null);
  /** Why a pack could not be read at all (the worker stopped, the store did not open). */
  failure = $state<string | null>(null);
  loading = $state(true);
  /** Lessons `npm run dev` updated in place since the page loaded (the lessons plugin's event). */
  updated = $state<Record<string, Lesson>>({});
  #lessons = new Map<string, Lesson>();
  #ready: Promise<void> | undefined;
  #bridge: CoursePackBridge | undefined;

  constructor(private readonly siteUrl: () => string = () => document.baseURI) {
    // Saving a lesson.md in `npm run dev` updates open pages without a reload (lessons-plugin.ts).
    import.meta.hot?.on(LESSONS_UPDATE_EVENT, (update: LessonsUpdate) => {
      if (!this.sitePack && !this.importedPack) {
        this.index = update.index;
        this.course = update.course;
      }
      for (const lesson of update.lessons) this.updated[lesson.meta.id] = lesson;
    });
  }

  get bridge(): CoursePackBridge {
    this.#bridge ??= new CoursePackBridge();
    return this.#bridge;
  }

  /** Every problem of both packs, for the instructor view. */
  get errors(): LessonError[] {
    return [...(this.sitePack?.errors ?? []), ...(this.importedPack?.errors ?? [])];
  }

  /** Reads the packs once; later calls wait for the same reading. */
  start(): Promise<void> {
    this.#ready ??= this.#load();
    return this.#ready;
  }

  /** Whether lesson `id` comes from a course pack (from outside the build) rather than the site. */
  fromPack(id: string): boolean {
    return this.#lessons.has(id);
  }

  /** A lesson of a pack from memory, any other from its built chunk. Waits for the packs first. */
  async loadLesson(id: string): Promise<Lesson> {
    await this.start();
    return this.#lessons.get(id) ?? this.updated[id] ?? loadBuiltLesson(id);
  }

  /** Imports a pack zip (kept in this browser); returns what the import found. */
  async importZip(file: File): Promise<{ stored: boolean; result?: PackResult; error?: string }> {
    await this.start();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const answer = await this.bridge.importZip(bytes, file.name, this.#base());
    if ('error' in answer) return { stored: false, error: answer.error.message };
    if (answer.stored) this.#apply(this.sitePack, answer.result);
    return { stored: answer.stored, result: answer.result };
  }

  async removeImported(): Promise<void> {
    await this.bridge.removeStored();
    this.#apply(this.sitePack, null);
  }

  async #load(): Promise<void> {
    const built: SiteCourse = { index: builtIndex, course: builtCourse };
    try {
      if (!(await this.#mayHavePacks())) return;
      const site = await withTimeout(this.bridge.loadSite(this.siteUrl(), built));
      const base = site.found ? { index: site.index, course: site.course } : built;
      const stored = await withTimeout(this.bridge.loadStored(base));
      this.#apply(site.found ? site : null, stored);
      this.#recacheWhenControlled(built);
    } catch (error) {
      this.failure = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  /**
   * Most sites have no `course/` folder and most students import no pack: two cheap looks on
   * this thread spare a cold first lesson the pack worker (its parser and zod). Anything but a
   * plain "not there" (a file, a failed request) leaves the answer to the worker.
   */
  async #mayHavePacks(): Promise<boolean> {
    const [site, stored] = await Promise.all([
      siteReader(this.siteUrl())
        .read('course.yaml', 1)
        .then((r) => r.status !== 'missing'),
      workspace.store
        .then((db) => readSetting<unknown>(db, STORED_PACK_KEY, null))
        .then(
          (value) => value !== null,
          () => true,
        ),
    ]);
    return site || stored;
  }

  /**
   * On a first visit the pack is read before the service worker controls the page, so nothing
   * was cached for offline use: read it once more through the worker when it takes over.
   */
  #recacheWhenControlled(built: SiteCourse) {
    const sw = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
    if (!sw || sw.controller) return;
    sw.addEventListener(
      'controllerchange',
      () => {
        // A worker started before the service worker took over is not controlled by it: its
        // fetches would bypass the cache, so a new one reads the pack.
        this.#bridge?.dispose();
        this.#bridge = new CoursePackBridge();
        void this.bridge.loadSite(this.siteUrl(), built).then(
          (site) => {
            if (site.found) this.#apply(site, this.importedPack);
          },
          () => undefined,
        );
      },
      { once: true },
    );
  }

  /** The site's course as the site pack left it: what an imported pack merges over. */
  #base(): SiteCourse {
    const site = this.sitePack;
    return site
      ? { index: site.index, course: site.course }
      : { index: builtIndex, course: builtCourse };
  }

  #apply(site: PackResult | null, imported: PackResult | null) {
    this.sitePack = site;
    this.importedPack = imported;
    const top = imported ?? site;
    this.index = top?.index ?? builtIndex;
    this.course = top?.course ?? builtCourse;
    this.#lessons = new Map([
      ...(site?.lessons ?? []).map((l) => [l.meta.id, l] as const),
      ...(imported?.lessons ?? []).map((l) => [l.meta.id, l] as const),
    ]);
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(
        () =>
          reject(
            new Error(
              `the course pack did not load within ${PACK_WAIT_MS / 1000} s; the site's own lessons are shown`,
            ),
          ),
        PACK_WAIT_MS,
      ),
    ),
  ]);
}

/** The app's one course. */
export const courseState = new CourseState();
