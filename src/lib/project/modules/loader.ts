import { AsyncFunction } from '../../kernel/async-function';
import { normalizePath, resolveRelative } from '../paths';
import { ProjectError } from '../errors';
import { ModuleError, type SourceLocation } from './module-error';
import { LOADER_NAMES, transformModule, type TransformedModule } from './transform-module';
import { contentHash } from './content-hash';
import { locateInStack, projectFrames } from './locate';

/** A module's exports, as `import * as ns` sees them. */
export type Namespace = Record<string, unknown>;

export interface ModuleLoaderOptions {
  /** The text of a project file, or undefined when there is no such file. */
  readText(path: string): Promise<string | undefined>;
  /** The bundled libraries (src/lib/kernel/modules.ts); absent: project modules only. */
  importLibrary?(specifier: string): Promise<unknown>;
  /** Names every module sees as variables (the test API, `console`). */
  globals?: Record<string, unknown>;
  /** Rewrites a module's source before it runs (coverage); must keep every line where it was. */
  instrument?(path: string, source: string): string;
  /** Largest module accepted, in characters. */
  maxChars?: number;
}

/** 2 MB of code is far more than any course module; a bigger file is most likely data. */
export const MAX_MODULE_CHARS = 2_000_000;

const PROJECT_SCHEME = 'project:';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

interface Loaded {
  key: string;
  namespace: Namespace;
}

/** Where an import is written, for errors that name the importing file and line. */
type From = SourceLocation | undefined;

/**
 * Runs the project's ES modules without the network or blob URLs: each file is transformed
 * (transform-module.ts) and run with AsyncFunction under `//# sourceURL=project:<path>`, so stacks
 * name project files. A module is cached under a key made of its own content and its
 * dependencies' keys: after an edit, the edited module and its importers run again, and nothing
 * else does.
 */
export function createModuleLoader(options: ModuleLoaderOptions) {
  const cache = new Map<string, Loaded>();
  const transforms = new Map<string, TransformedModule>();
  const prefixLengths = new Map<string, number>();
  const globals = Object.entries(options.globals ?? {}).filter(([name]) => IDENTIFIER.test(name));
  const maxChars = options.maxChars ?? MAX_MODULE_CHARS;

  /** `project:x`, `./x`, `../x` → a project path; anything else is a library. */
  function resolve(specifier: string, fromFile: string | undefined, at: From) {
    try {
      if (specifier.startsWith(PROJECT_SCHEME))
        return { path: normalizePath(specifier.slice(PROJECT_SCHEME.length)) };
      if (specifier.startsWith('./') || specifier.startsWith('../')) {
        if (!fromFile)
          throw new ProjectError(
            'bad-import',
            `"${specifier}" is relative, but a cell has no folder. Write "project:${specifier.replace(/^(\.\.?\/)+/, '')}".`,
          );
        return { path: normalizePath(resolveRelative(fromFile, specifier)) };
      }
      if (specifier.startsWith('/'))
        throw new ProjectError(
          'bad-import',
          `"${specifier}" is an absolute path. Import project files as "./file.js" (relative) or "project:src/file.js".`,
        );
    } catch (error) {
      if (error instanceof ProjectError && !(error instanceof ModuleError))
        throw new ModuleError('bad-import', `Cannot import "${specifier}": ${error.message}`, at, {
          cause: error,
        });
      throw error;
    }
    return { library: specifier };
  }

  async function importLibrary(specifier: string, at: From): Promise<unknown> {
    if (!options.importLibrary)
      throw new ModuleError(
        'missing-module',
        `Cannot import "${specifier}": only project files can be imported here. Write "./file.js" or "project:src/file.js".`,
        at,
      );
    try {
      return await options.importLibrary(specifier);
    } catch (error) {
      throw new ModuleError('missing-module', (error as Error).message, at, { cause: error });
    }
  }

  async function source(path: string, at: From): Promise<string> {
    const text = await options.readText(path);
    if (text === undefined)
      throw new ModuleError(
        'missing-module',
        `Cannot import "${path}": the project has no such file. Check the name and folder, or create the file.`,
        at,
      );
    if (text.length > maxChars)
      throw new ModuleError(
        'too-large',
        `"${path}" is ${text.length.toLocaleString('en')} characters long; a module may have at most ${maxChars.toLocaleString('en')}. Keep data in a data file and load it, not in code.`,
        at,
      );
    return options.instrument ? options.instrument(path, text) : text;
  }

  async function transformed(path: string, code: string, hash: string) {
    let result = transforms.get(hash);
    if (!result) {
      result = transformModule(code, path);
      transforms.set(hash, result);
      if (transforms.size > 500) transforms.delete(transforms.keys().next().value!);
    }
    return result;
  }

  /** Loads `path` and, first, everything it imports; `chain` is the import path that led here. */
  async function load(
    path: string,
    at: From,
    chain: string[],
    session: Map<string, Promise<Loaded>>,
  ): Promise<Loaded> {
    if (chain.includes(path))
      throw new ModuleError(
        'import-cycle',
        `Import cycle: ${[...chain.slice(chain.indexOf(path)), path].join(' → ')}. The Labbook loads a module's imports before the module, so modules cannot import each other in a circle: move what they share into a module of its own that both import.`,
        at,
      );
    const known = session.get(path);
    if (known) return known;
    const loading = (async () => {
      const code = await source(path, at);
      const hash = await contentHash(code);
      const module = await transformed(path, code, hash);
      const deps: unknown[] = [];
      const depKeys: string[] = [];
      for (const ref of module.imports) {
        const here = { file: path, line: ref.line, column: ref.column };
        const target = resolve(ref.specifier, path, here);
        if (target.library !== undefined) {
          deps.push(await importLibrary(target.library, here));
          depKeys.push(`lib:${target.library}`);
          continue;
        }
        const dep = await load(target.path!, here, [...chain, path], session);
        for (const name of ref.names)
          if (!(name in dep.namespace))
            throw new ModuleError(
              'missing-export',
              `"${ref.specifier}" has no export named "${name}". It exports: ${Object.keys(dep.namespace).join(', ') || 'nothing'}.`,
              here,
            );
        deps.push(dep.namespace);
        depKeys.push(dep.key);
      }
      const key = await contentHash(`${hash}|${depKeys.join('|')}`);
      const cached = cache.get(path);
      if (cached?.key === key) return cached;
      prefixLengths.set(path, module.prefixLength);
      const namespace = await evaluate(path, module, deps);
      const loaded = { key, namespace };
      cache.set(path, loaded);
      return loaded;
    })();
    session.set(path, loading);
    return loading;
  }

  async function evaluate(path: string, module: TransformedModule, deps: unknown[]) {
    const namespace: Namespace = Object.create(null);
    const define = (name: string, get: () => unknown) =>
      Object.defineProperty(namespace, name, { get, enumerable: true });
    const run = new AsyncFunction(
      LOADER_NAMES.imported,
      LOADER_NAMES.exports,
      LOADER_NAMES.star,
      LOADER_NAMES.dynamic,
      ...globals.map(([name]) => name),
      `${module.code}\n//# sourceURL=${PROJECT_SCHEME}${path}`,
    );
    await run(
      (index: number) => deps[index],
      (table: [string, () => unknown][]) => table.forEach(([name, get]) => define(name, get)),
      (from: Namespace) => {
        for (const name of Object.keys(from))
          if (name !== 'default' && !(name in namespace)) define(name, () => from[name]);
      },
      (specifier: unknown) => importFrom(String(specifier), path),
      ...globals.map(([, value]) => value),
    );
    return namespace;
  }

  /** `import(specifier)` written in `fromFile` (undefined: in a cell). */
  async function importFrom(specifier: string, fromFile?: string): Promise<unknown> {
    const target = resolve(specifier, fromFile, undefined);
    if (target.library !== undefined) return importLibrary(target.library, undefined);
    return (await load(target.path!, undefined, [], new Map())).namespace;
  }

  return {
    /** Imports a project path (`src/features.js`) or a specifier as a cell writes it. */
    import: importFrom,
    /** Whether a cell's specifier names a project file (and so needs this loader). */
    isProjectSpecifier: (specifier: string) => specifier.startsWith(PROJECT_SCHEME),
    /** The first project `file:line:column` in an error's stack, if any. */
    locate: (error: unknown) => locateInStack(error, prefixLengths),
    /** Every project frame of an error's stack, innermost first. */
    frames: (error: unknown) => projectFrames(error, prefixLengths),
    /** Forgets every module: the next import runs them all again. */
    clear() {
      cache.clear();
    },
  };
}

export type ModuleLoader = ReturnType<typeof createModuleLoader>;
