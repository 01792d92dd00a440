import { exportPythonProject } from '../export/python/write';
import { FileDownload } from '../kernel/to-output';
import { defineLabNamespace } from './index';
import { labServices } from './services';

/** The exported project: a download in the cell's output, its files readable by code. */
class PythonProject extends FileDownload {
  constructor(
    name: string,
    bytes: Uint8Array,
    readonly files: Record<string, string>,
    readonly runId: string,
  ) {
    super(
      name,
      bytes,
      `${Object.keys(files).length} files from run ${runId}: ${Object.keys(files).join(', ')}`,
    );
  }
}

defineLabNamespace('export', () => ({
  /** A run id or model URI (`models:/name/3`, `models:/name@champion`) as a Python project. */
  python: async (ref: string) => {
    const { catalog, tracking, registry } = labServices();
    const project = await exportPythonProject({ catalog, tracking, registry }, ref);
    return new PythonProject(project.name, project.zip(), project.files, project.runId);
  },
}));
