import { href } from '../lib/routes/routes';
import type { LessonSeed } from '../lib/lessons/types';
import {
  addSeedAsNewProject,
  ensureLessonProject,
  type KeyedLock,
  type LessonProjectState,
} from '../lib/project/seed';
import type { ProjectStoragePort } from '../lib/project/storage-port';

/** Other tabs hold the same lock: the Web Locks API, where the browser has it. */
const webLock: KeyedLock | undefined =
  typeof navigator !== 'undefined' && navigator.locks
    ? <T>(key: string, work: () => Promise<T>) =>
        navigator.locks.request(key, work) as unknown as Promise<T>
    : undefined;

/**
 * The lesson's starter project as the lesson page shows it: created on the first visit, linked,
 * made the kernel's active project, and — when the lesson's starter changed since — the notice
 * with what changed and the offer to add the new starter as a second project.
 */
export class LessonProject {
  state = $state<LessonProjectState | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);

  constructor(
    private readonly lessonId: string,
    private readonly seed: LessonSeed,
    private readonly port: () => Promise<ProjectStoragePort>,
    private readonly onActive: (projectId: string) => void,
  ) {}

  get href(): string | null {
    return this.state ? href('project', { projectId: this.state.project.id }) : null;
  }

  async load(): Promise<void> {
    try {
      this.state = await ensureLessonProject(await this.port(), this.lessonId, this.seed, {
        lock: webLock,
      });
      this.error = null;
      this.onActive(this.state.project.id);
    } catch (error) {
      this.error = `The lesson's starter project could not be set up: ${(error as Error).message}`;
    }
  }

  /** "Add the new starter as a new project"; the student's project stays as it is. */
  async addNewStarter(): Promise<void> {
    this.busy = true;
    try {
      const project = await addSeedAsNewProject(await this.port(), this.lessonId, this.seed, {
        lock: webLock,
      });
      this.state = { project, created: true };
      this.onActive(project.id);
    } catch (error) {
      this.error = `The new starter could not be added: ${(error as Error).message}`;
    } finally {
      this.busy = false;
    }
  }
}
