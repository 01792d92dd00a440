import { KernelError } from './errors';
import { realmHardened } from './harden-intrinsics';
import { lockLibrary } from './library-locks';

/**
 * The libraries cells may `import`. They ship with the site; nothing is ever fetched from a
 * network at run time. Loaders are lazy so a kernel starts fast.
 */
const moduleLoaders: Record<string, () => Promise<unknown>> = {
  arquero: () => import('arquero'),
  '@observablehq/plot': () => import('./plot'),
  '@tensorflow/tfjs': () => import('@tensorflow/tfjs'),
  // The YAML parser the pipelines use, so a project's config.js can read config.yml as
  // Python's `import yaml` does.
  yaml: () => import('yaml'),
  // A project's own API (api.js) declares its schemas with zod and its routes with defineApi.
  zod: () => import('zod'),
  'labbook/api': () => import('../serving/student/define-api'),
};

const locked = new Map<string, Promise<unknown>>();

export async function importModule(specifier: string): Promise<unknown> {
  const loader = moduleLoaders[specifier];
  if (!loader) {
    throw new KernelError(
      'unknown-module',
      `Cannot import "${specifier}": cells can import only the libraries bundled with the Labbook: ${Object.keys(moduleLoaders).join(', ')}.`,
    );
  }
  if (!realmHardened()) return loader();
  // Where the built-ins are frozen, so is what checks call on the libraries (./library-locks.ts).
  let module = locked.get(specifier);
  if (!module) {
    module = loader().then((m) => lockLibrary(specifier, m));
    locked.set(specifier, module);
    // A chunk that failed to load is asked for again next time.
    module.catch(() => locked.delete(specifier));
  }
  return module;
}
