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

interface Loaded {
  /** Every file the module graph read, with the text it read (undefined: missing). */
  texts: Map<string, string | undefined>;
  namespace: Record<string, unknown>;
}

/**
 * Runs projects' APIs in this realm: what the student-API worker does inside its guards, and
 * what Node tests and the bench call directly. Each request reads the files api.js was loaded
 * from again, so an edit applies to the next request; when none changed, the loaded module is
 * reused without hashing or running anything (most requests).
 */
export function inProcessStudentHost(deps: InProcessDeps): StudentHost {
  const projects = new Map<
    string,
    { loader: ModuleLoader; namespace: () => Promise<Loaded['namespace']> }
  >();
  // A dynamic import() per request, even of a loaded module, would cost more than the request.
  const libraries = new Map<string, Promise<unknown>>();
  const importLibrary = (specifier: string) => {
    let library = libraries.get(specifier);
    if (!library) {
      library = deps.importLibrary(specifier);
      library.catch(() => libraries.delete(specifier));
      libraries.set(specifier, library);
    }
    return library;
  };

  /** A project's loader, and its api.js as last loaded (reused while no file it read changed). */
  function projectOf(project: string) {
    const known = projects.get(project);
    if (known) return known;
    let recording = new Map<string, string | undefined>();
    const loader = createModuleLoader({
      readText: async (path) => {
        const text = await deps.readText(project, path);
        recording.set(path, text);
        return text;
      },
      importLibrary,
    });
    const load = async (): Promise<Loaded> => {
      const texts = (recording = new Map());
      const namespace = (await loader.import(`project:${STUDENT_API_FILE}`)) as Loaded['namespace'];
      return { texts, namespace };
    };
    let loaded: Promise<Loaded> | null = null;
    const held = {
      loader,
      // One load at a time per project: a load records which files it read.
      namespace: async (): Promise<Loaded['namespace']> => {
        const previous = loaded;
        loaded = (async () => {
          const last = await previous?.catch(() => null);
          if (last && (await unchanged(project, last.texts))) return last;
          return load();
        })();
        return (await loaded).namespace;
      },
    };
    projects.set(project, held);
    return held;
  }

  async function unchanged(project: string, texts: Map<string, string | undefined>) {
    for (const [path, text] of texts)
      if ((await deps.readText(project, path)) !== text) return false;
    return true;
  }

  return (project, call) => {
    const held = projectOf(project);
    return answerStudent(held.namespace, call, {
      project,
      loadPredictor: deps.loadPredictor,
      locate: (error) => {
        const at = held.loader.locate(error);
        return at && formatLocation(at);
      },
    });
  };
}
