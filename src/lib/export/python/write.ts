import { gatherExport, type ExportServices } from './gather';
import { pythonProjectFiles, pythonProjectZip } from './project';

/** A file name for the project: the model's or run's, with nothing a file system refuses. */
function projectFolderName(ref: string): string {
  const base = ref
    .replace(/^models:\//, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return `${base || 'labbook'}-python`;
}

/**
 * The export behind every entry point (Runs and Models pages, `lab.export.python`, the Node
 * command): a run id or model URI in, the project's files and its zip out.
 */
export async function exportPythonProject(services: ExportServices, ref: string) {
  const source = await gatherExport(services, ref);
  const folder = projectFolderName(ref);
  return {
    folder,
    name: `${folder}.zip`,
    files: pythonProjectFiles(source),
    zip: () => pythonProjectZip(source, folder),
    runId: source.runId,
  };
}
