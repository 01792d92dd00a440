import type { LabNamespaceName } from './docs';
import { LabError } from './errors';

/**
 * Where each `lab` namespace's code lives. A kernel starts with none of them: the runtime loads
 * the ones a cell names before it runs (see kernel/member-uses.ts), so a plain cell never waits
 * for TensorFlow.js, Plot, DuckDB or isomorphic-git. Each module registers itself on import.
 */
const loaders: Record<LabNamespaceName, () => Promise<unknown>> = {
  data: () => import('./data'),
  sql: () => import('./sql'),
  nosql: () => import('./nosql'),
  bigdata: () => import('./bigdata'),
  duck: () => import('./duck'),
  ml: () => import('./ml'),
  tracking: () => import('./tracking'),
  registry: () => import('./registry'),
  pipeline: () => import('./pipeline'),
  serving: () => import('./serving'),
  monitoring: () => import('./monitoring'),
  project: () => import('./project'),
  test: () => import('./project-tests'),
  export: () => import('./export'),
  app: () => import('./app'),
  ci: () => import('./ci'),
};

export const LAB_NAMESPACES = Object.keys(loaders) as LabNamespaceName[];

const loading = new Map<LabNamespaceName | 'help', Promise<unknown>>();

// lab.help() reads every namespace's docs; they load like a namespace, when a cell names it.
let help: typeof import('./help') | undefined;
const loadHelp = () => import('./help').then((module) => (help = module));

/** The help module once loaded (lab.help is synchronous, so it cannot wait for it). */
export function loadedHelp(): typeof import('./help') | undefined {
  return help;
}

function isLoadable(name: string): name is LabNamespaceName | 'help' {
  return name === 'help' || Object.hasOwn(loaders, name);
}

/** Starts loading one namespace (once); a failed load is forgotten, so the next use retries. */
export function loadLabNamespace(name: LabNamespaceName | 'help'): Promise<unknown> {
  let pending = loading.get(name);
  if (!pending) {
    pending = (name === 'help' ? loadHelp() : loaders[name]()).catch((cause: unknown) => {
      loading.delete(name);
      throw new LabError(
        'load-failed',
        `lab.${name} could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}. Reload the page (the Labbook's files may have been updated, or the connection dropped), then run the cell again.`,
        { cause },
      );
    });
    loading.set(name, pending);
  }
  return pending;
}

/** Loads the namespaces (and help) among `names`; other members, such as `version`, need none. */
export async function loadLabNamespaces(names: Iterable<string> | 'all'): Promise<void> {
  const wanted =
    names === 'all' ? [...LAB_NAMESPACES, 'help' as const] : [...names].filter(isLoadable);
  await Promise.all(wanted.map(loadLabNamespace));
}
