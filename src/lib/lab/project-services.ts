import { memoryGitSettings } from '../project/git/memory-settings';
import type { GitSettings } from '../project/git/service';
import type { ProjectStoragePort } from '../project/storage-port';

/**
 * Projects as the lab API reaches them: their storage, and the kernel's **active project** — the
 * one `project:` imports resolve in. `lab.project.open()` sets it; so does the lesson page, to the
 * lesson's project.
 */
export interface LabProjectServices {
  port: ProjectStoragePort;
  /** The Git author and rules, the same settings the Project page's Git panel uses. */
  git: GitSettings;
  active(): string | null;
  setActive(id: string | null): void;
  /** Called with the new active project's id whenever it changes. */
  subscribe(listener: (id: string | null) => void): void;
}

export function createProjectServices(
  port: ProjectStoragePort,
  git: GitSettings = memoryGitSettings(),
): LabProjectServices {
  let active: string | null = null;
  const listeners = new Set<(id: string | null) => void>();
  return {
    port,
    git,
    active: () => active,
    setActive: (id) => {
      active = id;
      for (const listener of listeners) listener(id);
    },
    subscribe: (listener) => void listeners.add(listener),
  };
}

/**
 * Keeps the kernel's module source on the active project: one owner (the lab services) for which
 * project is open, so `lab.project.current()` and `project:` imports never disagree.
 */
export function followActiveProject(
  projects: LabProjectServices,
  use: (id: string | null) => void,
): void {
  projects.subscribe(use);
  use(projects.active());
}
