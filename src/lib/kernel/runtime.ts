import * as aq from 'arquero';
import { createLab } from '../lab';
import { cellFetch } from '../lab/serving-router';
import { importModule } from './modules';
import type { RunSource } from '../tracking/types';
import type { CheckResult, Output, RunResult } from './outputs';
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

class CheckFailure extends Error {}

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
  return {
    type: 'error',
    name: err.name,
    message: inProject ? `${err.message}\n    at ${formatLocation(inProject)}` : err.message,
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

  let scope: Record<string, unknown> = {};
  const reset = async () => {
    const Plot = await importModule('@observablehq/plot');
    scope = {
      aq,
      Plot,
      lab: createLab({
        display,
        source: origin,
        project: { active: () => project?.source, use: (source) => useProject(source) },
        console: cellConsole,
      }),
      console: cellConsole,
      // Cells fetch as the page would: `fetch('api/v1/…')` reaches the prediction API.
      fetch: cellFetch,
    };
    tables.clear();
  };

  async function execute(file: string, source: string): Promise<unknown> {
    const cell = transformCell(source);
    if (cell.identifiers.has('tf') && scope.tf === undefined)
      scope.tf = await importModule('@tensorflow/tfjs');
    for (const name of [...cell.declared, ...cell.functions])
      if (!(name in scope)) scope[name] = undefined;
    const copyFunctions = cell.functions.length
      ? `Object.assign(__scope, { ${cell.functions.join(', ')} });`
      : '';
    const fn = new AsyncFunction(
      '__scope',
      '__import',
      `with (__scope) { ${copyFunctions}${cell.code}\n}\n//# sourceURL=${file}`,
    );
    return fn(scope, importForCell);
  }

  return {
    reset,
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
    async run(
      cellId: string,
      source: string,
      onOutput: (output: Output) => void,
    ): Promise<RunResult> {
      const outputs: Output[] = [];
      origin.cellId = cellId;
      emit = (output) => {
        outputs.push(output);
        onOutput(output);
      };
      const started = performance.now();
      const file = `cell-${cellId.replace(/[^\w-]/g, '_')}.js`;
      let status: RunResult['status'] = 'ok';
      try {
        display(await execute(file, source));
      } catch (error) {
        status = 'error';
        emit(errorOutput(error, file, project?.loader));
      }
      emit = () => {};
      return { status, outputs, durationMs: performance.now() - started };
    },
    /** Runs an exercise's check in the shared scope; see docs/authoring.md for the contract. */
    async check(exerciseId: string, source: string, hint: string): Promise<CheckResult> {
      const expect = (condition: unknown, message: string) => {
        if (!condition) throw new CheckFailure(message);
      };
      scope.expect = expect;
      try {
        const result = await execute(
          `check-${exerciseId}.js`,
          `return await (async () => {\n${source}\n})();`,
        );
        if (result === false) return { pass: false, message: hint };
        if (result && typeof result === 'object' && 'pass' in result) {
          const r = result as { pass: unknown; message?: unknown };
          return {
            pass: Boolean(r.pass),
            message: String(r.message ?? (r.pass ? 'Well done.' : hint)),
          };
        }
        return { pass: true, message: 'Well done: the check passed.' };
      } catch (error) {
        if (error instanceof CheckFailure) return { pass: false, message: error.message };
        return {
          pass: false,
          message: `The check itself raised: ${(error as Error).message ?? inspect(error)}`,
        };
      } finally {
        delete scope.expect;
      }
    },
    tablePage(ref: string, offset: number, limit: number) {
      const table = tables.get(ref);
      if (!table) throw new Error('This table is no longer in the kernel. Run its cell again.');
      return tablePage(ref, table, offset, limit);
    },
    completions(): string[] {
      return Object.keys(scope);
    },
  };
}

export type KernelRuntime = ReturnType<typeof createKernelRuntime>;
