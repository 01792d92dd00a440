import { KernelError } from './errors';

/**
 * What cell code may not touch: the Labbook's own IndexedDB databases (`mlops-labbook`,
 * `mlops-labbook-snapshots`, any later `mlops-labbook…`) and the service worker's caches (Workbox
 * names every cache it makes `workbox-<kind>-<scope>`: the precache holds the offline copy of the
 * site; the Labbook's own start with `labbook-`, such as the precache's fingerprints). A student's
 * own databases and caches, under any other name, stay theirs to use.
 */
const PROTECTED_DATABASE_PREFIX = 'mlops-labbook';
const PROTECTED_CACHE_PREFIXES = ['workbox-', 'labbook-'] as const;

const WORKSPACE_ADVICE =
  'Use the Workspace page to export, clear or restore your work; for your own data, use a database or cache with another name.';

// Captured once: a cell that replaces String.prototype.startsWith must not change the answer.
const startsWith = String.prototype.startsWith;
const apply = Reflect.apply;

export function isProtectedDatabase(name: string): boolean {
  return apply(startsWith, name, [PROTECTED_DATABASE_PREFIX]) as boolean;
}

export function isProtectedCache(name: string): boolean {
  for (const prefix of PROTECTED_CACHE_PREFIXES)
    if (apply(startsWith, name, [prefix]) as boolean) return true;
  return false;
}

/** The refusal a cell sees, naming what it tried, why it is refused and what to do instead. */
export function refuseDatabase(operation: 'open' | 'deleteDatabase', name: string): KernelError {
  return new KernelError(
    'protected-storage',
    `indexedDB.${operation}("${name}") was refused: "${name}" is the Labbook's own database, which holds your runs, models, datasets and notebooks, so cell code cannot open or delete it. ${WORKSPACE_ADVICE}`,
  );
}

export function refuseCache(operation: 'open' | 'delete', name: string): KernelError {
  return new KernelError(
    'protected-storage',
    `caches.${operation}("${name}") was refused: "${name}" is part of the Labbook's offline copy of the site, so cell code cannot change or delete it. ${WORKSPACE_ADVICE}`,
  );
}

// Read through captured getters: a cell could redefine `URL.prototype.href` to lie.
const UrlClass = URL;
const hrefOf = Object.getOwnPropertyDescriptor(URL.prototype, 'href')!.get!;

/**
 * Cells may start workers only from the site's own script files: a worker made from a `blob:` or
 * `data:` URL would be a fresh global scope without the kernel's guards. Gives the resolved URL
 * when allowed, else undefined.
 */
export function workerUrlAllowed(
  url: string,
  base: string,
  siteOrigin: string,
): string | undefined {
  let href: string;
  try {
    href = apply(hrefOf, new UrlClass(url, base), []) as string;
  } catch {
    return undefined;
  }
  return apply(startsWith, href, [`${siteOrigin}/`]) ? href : undefined;
}

export function refuseWorker(url: string): KernelError {
  return new KernelError(
    'worker-url',
    `new Worker("${url.length > 80 ? `${url.slice(0, 80)}…` : url}") was refused: cells may start workers only from the Labbook's own script files, not from blob:, data: or other sites' URLs, because code there would run outside the kernel's safeguards. Run the code in the cell itself.`,
  );
}
