import { createLab } from '../lab';
import { loadLabNamespaces } from '../lab/namespaces';
import { importModule } from './modules';
import type { RunSource } from '../tracking/types';
import { withOutput, type CheckResult, type Output, type RunResult } from './outputs';
import { inspect } from './inspect';
import { tablePage, toOutput, type TableLike } from './to-output';
import { CellSyntaxError, transformCell } from './transform';
import { AsyncFunction, HEADER_LINES } from './async-function';
import {
  createModuleLoader,
  formatLocation,
  ModuleError,
  type ModuleLoader,
  type ProjectSource,
} from '../project/modules';
import { checkScope, ownData } from './check-scope';
import { recordedGlobals, recordIntrinsics, withPristineIntrinsics } from './pristine-intrinsics';
import { withoutLeadingLabels } from '../notebook/message-prefix';
import { KernelError } from './errors';
import { explainRefusedChange } from './frozen-builtin';
import { LabbookError } from '../errors';

/**
 * The page puts "Passed:" or "Not yet:" before a check's message; an author's own copy of the
 * verdict (a habit from other notebooks) would double it, so it is dropped here, where it enters.
 */
const verdictless = (message: string) =>
  withoutLeadingLabels(message, ['Not yet', 'Passed', 'Failed']);

/**
 * The libraries every cell can name without importing them. Each loads on the first cell that
 * names it, so a kernel starts without them (a plain cell waits for none).
 */
const LIBRARY_GLOBALS: Record<string, string> = {
  aq: 'arquero',
  Plot: '@observablehq/plot',
  tf: '@tensorflow/tfjs',
};

/** The members of lab that are not namespaces: they never touch storage. */
const STORAGELESS_LAB = new Set(['help', 'version', 'display']);

/** Offered after `a` in the editor from the start, as when they loaded with the kernel; tf is not. */
const OFFERED_LIBRARIES = ['aq', 'Plot'];

// Cells fetch as the page would: `fetch('api/v1/…')` reaches the prediction API, whose router
// loads with the first call (a fetch is a promise already).
// `source` is the running cell, so its re-run replaces the requests it sent (lab/rerun-traffic.ts).
const cellFetch = async (
  input: RequestInfo | URL,
  init: RequestInit | undefined,
  source: RunSource,
): Promise<Response> =>
  (await import('../lab/serving-router')).cellFetch(input, init, { ...source });

/** A check that did not pass; its name stays "Error", as the check's output always showed. */
class CheckFailure extends LabbookError<'check-failed'> {}

function errorOutput(error: unknown, cellFile: string, project?: ModuleLoader): Output {
  if (error instanceof CellSyntaxError) {
    return {
      type: 'error',
      name: 'SyntaxError',
      message: error.message,
      line: error.line,
      column: error.column,
    };
  }
  const err = error instanceof Error ? error : new Error(inspect(error));
  const at = new RegExp(`${cellFile.replace(/[.]/g, '\\.')}:(\\d+):(\\d+)`).exec(err.stack ?? '');
  const line = at ? Number(at[1]) - HEADER_LINES : undefined;
  // Thrown inside a project module: say where in the project, as the cell's line is only the call.
  const inProject = error instanceof ModuleError ? undefined : project?.locate(err);
  // The page shows "<name>: <message>"; a message rebuilt from a string already carries the name.
  const message = explainRefusedChange(err, withoutLeadingLabels(err.message, [err.name, 'Error']));
  return {
    type: 'error',
    name: err.name,
    message: inProject ? `${message}\n    at ${formatLocation(inProject)}` : message,
    ...(line && line > 0 ? { line, column: Number(at![2]) } : {}),
  };
}

/**
 * One kernel: a shared scope in which cells run in order, like a Jupyter kernel. Pure, so it runs
 * in the worker and in Node tests alike.
 */
export function createKernelRuntime() {
  // Read by the lab API when a cell starts a run: which lesson and cell it came from.
  const origin: RunSource = {};
  let executions = 0;
  let emit: (output: Output) => void = () => {};
  const tables = new Map<string, TableLike>();
  let tableSerial = 0;
  const remember = (table: TableLike) => {
    const ref = `t${++tableSerial}`;
    tables.set(ref, table);
    if (tables.size > 200) tables.delete(tables.keys().next().value!);
    return ref;
  };
  const display = (value: unknown) => {
    const output = toOutput(value, remember);
    if (output) emit(output);
  };
  const stream =
    (name: 'stdout' | 'stderr') =>
    (...args: unknown[]) =>
      emit({ type: 'stream', name, text: args.map((a) => inspect(a)).join(' ') });
  const cellConsole = {
    log: stream('stdout'),
    info: stream('stdout'),
    debug: stream('stdout'),
    warn: stream('stderr'),
    error: stream('stderr'),
  };

  // The active project (useProject): `project:` imports in cells load its files through this.
  let project: { source: ProjectSource; loader: ModuleLoader } | undefined;
  const importForCell = (specifier: string): Promise<unknown> => {
    if (!specifier.startsWith('project:')) return importModule(specifier);
    if (!project)
      throw new ModuleError(
        'no-project',
        `Cannot import "${specifier}": no project is open in this kernel. Open the lesson's project first (lab.project), then run the cell again.`,
        undefined,
      );
    return project.loader.import(specifier);
  };

  function useProject(source: ProjectSource | null) {
    project = source
      ? {
          source,
          loader: createModuleLoader({
            readText: (path) => source.readText(path),
            importLibrary: importModule,
            globals: { console: cellConsole },
          }),
        }
      : undefined;
  }

  // What checks get back however a cell patches the built-ins: recorded at the first reset, before
  // any cell runs (and in the worker after lockdown froze them, see harden-intrinsics.ts).
  let intrinsics: ReturnType<typeof recordIntrinsics> = [];
  let builtins: Record<string, unknown> = {};
  let scope: Record<string, unknown> = {};
  // Hidden setup declares here; cells cannot name it, checks read it (see ./check-scope.ts).
  let hidden: Record<string, unknown> = {};
  // The checks' own `lab`: a cell that replaces `lab.tracking.findRuns` changes only its copy.
  let trusted: Record<string, unknown> = {};
  const reset = async () => {
    if (!intrinsics.length) builtins = recordedGlobals((intrinsics = recordIntrinsics()));
    scope = {
      lab: createLab({
        display,
        source: origin,
        project: { active: () => project?.source, use: (source) => useProject(source) },
        console: cellConsole,
      }),
      console: cellConsole,
      fetch: (input: RequestInfo | URL, init?: RequestInit) => cellFetch(input, init, origin),
    };
    hidden = Object.create(scope) as Record<string, unknown>;
    // What checks get whatever the cells rebound: the libraries, fetch and the built-ins.
    trusted = {
      ...builtins,
      ...scope,
      lab: createLab({
        display,
        source: origin,
        project: { active: () => project?.source, use: (source) => useProject(source) },
      }),
    };
    tables.clear();
  };

  /**
   * The library globals a cell names, loaded before it runs: into the cells' scope (unless a cell
   * declared that name itself), into what checks trust, and into a check's own scope.
   */
  async function loadLibraries(identifiers: Set<string>, target: Record<string, unknown>) {
    const wanted = Object.keys(LIBRARY_GLOBALS).filter(
      (name) =>
        identifiers.has(name) && (trusted[name] === undefined || target[name] === undefined),
    );
    const modules = await Promise.all(wanted.map((name) => importModule(LIBRARY_GLOBALS[name]!)));
    wanted.forEach((name, i) => {
      if (!Object.hasOwn(scope, name)) scope[name] = modules[i];
      trusted[name] = modules[i];
      if (target[name] === undefined) target[name] = modules[i];
    });
  }

  async function execute(
    file: string,
    source: string,
    target: Record<string, unknown> = scope,
  ): Promise<unknown> {
    const cell = transformCell(source);
    await Promise.all([
      loadLabNamespaces(cell.labMembers),
      loadLibraries(cell.identifiers, target),
    ]);
    // Own, so that hidden setup's names land on `hidden`, not on the cells' scope behind it.
    for (const name of [...cell.declared, ...cell.functions])
      if (!Object.hasOwn(target, name)) target[name] = undefined;
    const copyFunctions = cell.functions.length
      ? `Object.assign(__scope, { ${cell.functions.join(', ')} });`
      : '';
    const fn = new AsyncFunction(
      '__scope',
      '__import',
      `with (__scope) { ${copyFunctions}${cell.code}\n}\n//# sourceURL=${file}`,
    );
    return fn(target, importForCell);
  }

  async function runIn(
    target: Record<string, unknown>,
    cellId: string,
    source: string,
    onOutput: (output: Output) => void,
  ): Promise<RunResult> {
    let outputs: Output[] = [];
    origin.cellId = cellId;
    origin.execution = `${Date.now().toString(36)}-${++executions}`;
    emit = (output) => {
      outputs = withOutput(outputs, output);
      onOutput(output);
    };
    const started = performance.now();
    const file = `cell-${cellId.replace(/[^\w-]/g, '_')}.js`;
    let status: RunResult['status'] = 'ok';
    try {
      display(await execute(file, source, target));
    } catch (error) {
      status = 'error';
      emit(errorOutput(error, file, project?.loader));
    }
    emit = () => {};
    return { status, outputs, durationMs: performance.now() - started };
  }

  return {
    reset,
    /**
     * Whether a cell may reach the kernel's storage: it names lab (beyond help), fetches or
     * imports. A cell that does not runs without waiting for IndexedDB to open.
     */
    needsServices(source: string): boolean {
      let cell: ReturnType<typeof transformCell>;
      try {
        cell = transformCell(source);
      } catch {
        return false; // its syntax error is reported when it runs
      }
      const { labMembers, identifiers, imports } = cell;
      return (
        labMembers === 'all' ||
        [...labMembers].some((name) => !STORAGELESS_LAB.has(name)) ||
        identifiers.has('fetch') ||
        imports.length > 0 ||
        cell.code.includes('__import(')
      );
    },
    /**
     * Makes `source` the project `project:` imports read (null: none). A project module runs
     * only when a cell imports it; its console writes to the cell's output.
     */
    useProject,
    /** The lesson this kernel serves (runs it tracks record it). */
    setLesson(lessonId: string) {
      origin.lessonId = lessonId;
    },
    /** The kernel's session (see tracking/liveness.ts): runs record it, so a crash is noticed. */
    setSession(session: string) {
      origin.session = session;
    },
    run(cellId: string, source: string, onOutput: (output: Output) => void): Promise<RunResult> {
      return runIn(scope, cellId, source, onOutput);
    },
    /**
     * Runs a lesson's hidden setup: it reads the cells' scope (aq, lab…) but declares into a
     * scope of its own, which only checks see — reference answers stay out of students' reach.
     */
    runSetup(cellId: string, source: string, onOutput: (output: Output) => void) {
      return runIn(hidden, cellId, source, onOutput);
    },
    /**
     * Runs an exercise's check (contract: docs/authoring.md) in a scope of its own: the cells'
     * variables as they are now, the hidden setup's, `expect`, the check-only `answerKey` and
     * its own `lab`, with the built-ins as they were before any cell ran.
     */
    async check(exerciseId: string, source: string, hint: string): Promise<CheckResult> {
      const expect = (condition: unknown, message: string) => {
        if (!condition) throw new CheckFailure('check-failed', verdictless(String(message)));
      };
      return withPristineIntrinsics(intrinsics, async () => {
        const target = checkScope(ownData(scope), ownData(hidden), { ...trusted, expect });
        try {
          const result = await execute(
            `check-${exerciseId}.js`,
            `return await (async () => {\n${source}\n})();`,
            target,
          );
          return checkResult(result, hint);
        } catch (error) {
          if (error instanceof CheckFailure) return { pass: false, message: error.message };
          return { pass: false, message: `The check itself raised: ${raised(error)}` };
        }
      }).catch((error: unknown) => ({ pass: false, message: (error as Error).message }));
    },
    tablePage(ref: string, offset: number, limit: number) {
      const table = tables.get(ref);
      if (!table)
        throw new KernelError(
          'table-gone',
          'This table is no longer in the kernel. Run its cell again.',
        );
      return tablePage(ref, table, offset, limit);
    },
    completions(): string[] {
      return [...new Set([...Object.keys(scope), ...OFFERED_LIBRARIES])];
    },
  };
}

function checkResult(result: unknown, hint: string): CheckResult {
  if (result === false) return { pass: false, message: hint };
  if (result && typeof result === 'object' && Object.hasOwn(result, 'pass')) {
    const r = result as { pass: unknown; message?: unknown };
    return {
      pass: Boolean(r.pass),
      message: verdictless(
        typeof r.message === 'string' ? r.message : r.pass ? 'Well done.' : hint,
      ),
    };
  }
  return { pass: true, message: 'Well done: the check passed.' };
}

/**
 * What a throwing check says. A thrown non-Error is named by its type only: its own
 * `toString` is the cell's code, and could say "passed".
 */
function raised(error: unknown): string {
  if (error instanceof Error && typeof error.message === 'string') return error.message;
  return `a value of type ${error === null ? 'null' : typeof error} instead of an Error`;
}

export type KernelRuntime = ReturnType<typeof createKernelRuntime>;
