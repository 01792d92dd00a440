import { FILE_MODE, type ProjectFileRow } from '../../../src/lib/project/types';

/** A stored project file with text content, as the editor or lab.project would write it. */
export function fileRow(projectId: string, path: string, text: string): ProjectFileRow {
  return {
    projectId,
    path,
    kind: 'file',
    bytes: new TextEncoder().encode(text),
    mode: FILE_MODE,
    mtimeMs: 0,
  };
}
