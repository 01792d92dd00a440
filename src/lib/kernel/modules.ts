import { KernelError } from './errors';

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

export async function importModule(specifier: string): Promise<unknown> {
  const loader = moduleLoaders[specifier];
  if (!loader) {
    throw new KernelError(
      'unknown-module',
      `Cannot import "${specifier}": cells can import only the libraries bundled with the Labbook: ${Object.keys(moduleLoaders).join(', ')}.`,
    );
  }
  return loader();
}
