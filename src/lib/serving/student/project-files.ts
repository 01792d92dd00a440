import { projectSource } from '../../project/modules';
import type { ProjectStoragePort } from '../../project/storage-port';
import { ServingError } from '../errors';

/**
 * A project's files by project name, as `api/student/<project>/` names it: what the student-API
 * worker reads api.js (and what it imports) from. An unknown name is a coded 404 listing those
 * there are.
 */
export function projectTexts(port: ProjectStoragePort) {
  return async (project: string, path: string): Promise<string | undefined> => {
    const projects = await port.listProjects();
    const row = projects.find((p) => p.name === project);
    if (!row)
      throw new ServingError(
        'unknown-endpoint',
        `Not Found: no project named "${project}". ${projects.length ? `Projects here: ${projects.map((p) => p.name).join(', ')}.` : 'Create one with lab.project.create(name).'}`,
      );
    return projectSource(port, row.id).readText(path);
  };
}
