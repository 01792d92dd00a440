import { createModuleLoader, formatLocation, type ModuleLoader } from '../../project/modules';
import { STUDENT_API_FILE } from './declaration';
import type { LoadPredictor } from './models';
import type { StudentHost } from './protocol';
import { answerStudent } from './student-app';

export interface InProcessDeps {
  /** A project's file as text (undefined: no such file); throws when there is no such project. */
  readText(project: string, path: string): Promise<string | undefined>;
  /** The libraries api.js may import (`zod`, `labbook/api`, the bundled ones). */
  importLibrary(specifier: string): Promise<unknown>;
  loadPredictor: LoadPredictor;
}

/**
 * Runs projects' APIs in this realm: what the student-API worker does inside its guards, and
 * what Node tests and the bench call directly. One module loader per project, so an edit to
 * api.js runs again on the next request and nothing else does.
 */
export function inProcessStudentHost(deps: InProcessDeps): StudentHost {
  const loaders = new Map<string, ModuleLoader>();
  const loaderOf = (project: string) => {
    let loader = loaders.get(project);
    if (!loader)
      loaders.set(
        project,
        (loader = createModuleLoader({
          readText: (path) => deps.readText(project, path),
          importLibrary: deps.importLibrary,
        })),
      );
    return loader;
  };
  return (project, call) => {
    const loader = loaderOf(project);
    return answerStudent(
      async () => (await loader.import(`project:${STUDENT_API_FILE}`)) as Record<string, unknown>,
      call,
      {
        project,
        loadPredictor: deps.loadPredictor,
        locate: (error) => {
          const at = loader.locate(error);
          return at && formatLocation(at);
        },
      },
    );
  };
}
