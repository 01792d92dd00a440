import type { RunSource } from '../tracking/types';
import type { ProjectSource } from '../project/modules/project-source';
import type { LabNamespaceName } from './docs';
import { LabError } from './errors';
import { LAB_NAMESPACES, loadedHelp, loadLabNamespace } from './namespaces';

export type { LabMemberDoc, LabNamespaceDoc } from './docs';

export interface LabContext {
  /** Shows a value as an output of the running cell. */
  display(value: unknown): void;
  /** The lesson the kernel serves, the cell now running and the kernel's session, for runs. */
  source?: RunSource;
  /**
   * The kernel's active project: what `import … from 'project:src/x.js'` and lab.test.run()
   * read. `use` makes a project active (null: none), as lab.project does when it opens one.
   */
  project?: {
    active(): ProjectSource | undefined;
    use(source: ProjectSource | null): void;
  };
  /** The cells' console, which project modules imported through lab write to. */
  console?: unknown;
}

type Factory = (ctx: LabContext) => Record<string, unknown>;

const factories = new Map<LabNamespaceName, Factory>();

/**
 * Features add their part of the `lab` object here (datasets, tracking, registry, serving,
 * monitoring); their docs live in `./docs`, which feed `lab.help()` and editor autocompletion.
 */
export function defineLabNamespace(name: LabNamespaceName, factory: Factory): void {
  factories.set(name, factory);
}

const LAB_VERSION = 1;

export function createLab(ctx: LabContext): Record<string, unknown> {
  const lab: Record<string, unknown> = {
    version: LAB_VERSION,
    help: (topic?: string) => {
      const help = loadedHelp();
      if (!help) throw notLoaded('help');
      return help.helpText(topic);
    },
    display: (value: unknown) => ctx.display(value),
  };
  for (const name of LAB_NAMESPACES) lazyNamespace(lab, name, ctx);
  return lab;
}

/**
 * `lab.<name>` made on first read from its factory, so a kernel builds (and loads) only what its
 * cells use. The runtime loads the namespaces a cell names before the cell runs; a read that
 * reaches one not loaded yet (`lab[name]` with a computed name) says so rather than turning a
 * synchronous API into a promise, and starts loading it for the next run.
 */
function lazyNamespace(lab: Record<string, unknown>, name: LabNamespaceName, ctx: LabContext) {
  const settle = (value: unknown) =>
    Object.defineProperty(lab, name, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  Object.defineProperty(lab, name, {
    enumerable: true,
    configurable: true,
    get() {
      const factory = factories.get(name);
      if (!factory) throw notLoaded(name);
      const value = factory(ctx);
      settle(value);
      return value;
    },
    // A cell may replace a namespace on its own lab, as it could when they were plain values.
    set: settle,
  });
}

/** Starts loading `name` and says so: a read the kernel could not foresee (see lazyNamespace). */
function notLoaded(name: LabNamespaceName | 'help'): LabError {
  void loadLabNamespace(name).catch(() => undefined);
  return new LabError(
    'not-loaded',
    `lab.${name} was not loaded yet: the kernel loads each part of lab when a cell names it (write lab.${name} in the cell), and this cell reached it another way. It is loading now: run the cell again.`,
  );
}
