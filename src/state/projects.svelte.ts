import { ProjectFiles } from '../lib/project/files';
import { isGitPath } from '../lib/project/paths';
import type { ProjectStoragePort } from '../lib/project/storage-port';
import type { ProjectRow } from '../lib/project/types';
import { browserStorage, forgetProject } from '../lib/project/drafts';
import { dexieProjectPort } from '../lib/store/project-port';
import { messageOf } from './project-saving.svelte';
import { workspace } from './workspace.svelte';

/** The student's projects in this browser's database. */
export async function projectPort(): Promise<ProjectStoragePort> {
  return dexieProjectPort(await workspace.store);
}

/** The Projects page: the list, newest change first, with create, rename and delete. */
export class ProjectList {
  projects = $state<ProjectRow[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);

  constructor(
    private readonly port: Promise<ProjectStoragePort> = projectPort(),
    private readonly confirm: (message: string) => boolean = (m) => window.confirm(m),
  ) {}

  async #files(): Promise<ProjectFiles> {
    return new ProjectFiles(await this.port);
  }

  async load(): Promise<void> {
    try {
      const rows = await (await this.#files()).list();
      this.projects = rows.toSorted((a, b) => b.updatedAt - a.updatedAt);
    } catch (error) {
      this.error = messageOf(error);
    }
    this.loaded = true;
  }

  /** Creates a project; its id, or undefined (with the reason in `error`). */
  async create(name: string): Promise<string | undefined> {
    return this.#run(async (files) => {
      const row = await files.create(name.trim());
      this.notice = `Created ${row.name}.`;
      return row.id;
    });
  }

  async rename(id: string, name: string): Promise<boolean> {
    const done = await this.#run(async (files) => {
      const row = await files.rename(id, name.trim());
      this.notice = `Renamed to ${row.name}.`;
      return true;
    });
    return done ?? false;
  }

  /** Deletes after a confirm that says how many files (and whether Git history) go with it. */
  async remove(id: string): Promise<void> {
    await this.#run(async (files) => {
      const row = await files.get(id);
      const paths = await (await this.port).listPaths(id);
      const count = (await files.tree(id)).filter((r) => r.kind === 'file').length;
      const git = paths.some((p) => isGitPath(p)) ? ' and its Git history' : '';
      const message = `Delete the project "${row.name}" with its ${count} file${count === 1 ? '' : 's'}${git}? This cannot be undone; download it first to keep a copy.`;
      if (!this.confirm(message)) return;
      await files.delete(id);
      forgetProject(browserStorage(), id);
      this.notice = `Deleted ${row.name}.`;
    });
  }

  async #run<T>(work: (files: ProjectFiles) => Promise<T>): Promise<T | undefined> {
    this.error = null;
    this.notice = null;
    try {
      const result = await work(await this.#files());
      await this.load();
      return result;
    } catch (error) {
      this.error = messageOf(error);
      return undefined;
    }
  }
}
