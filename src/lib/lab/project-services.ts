import type { ProjectStoragePort } from '../project/storage-port';

/**
 * Projects as the lab API reaches them: their storage, and the kernel's **active project** — the
 * one `project:` imports resolve in. `lab.project.open()` sets it; so does the lesson page, to the
 * lesson's project.
 */
export interface LabProjectServices {
  port: ProjectStoragePort;
  active(): string | null;
  setActive(id: string | null): void;
}

export function createProjectServices(port: ProjectStoragePort): LabProjectServices {
  let active: string | null = null;
  return {
    port,
    active: () => active,
    setActive: (id) => void (active = id),
  };
}
