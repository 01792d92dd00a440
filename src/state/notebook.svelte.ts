import { NOT_YET_MESSAGE } from '../lib/lessons/exercises';
import type { Lesson } from '../lib/lessons/types';
import {
  parseStudentCellId,
  studentCellId,
  type StudentCellKind,
} from '../lib/notebook/scratch-id';
import { CellState } from './cell.svelte';
import { HiddenSetup } from './hidden-setup';
import { CellSourceWriter } from './cell-source-writer';
import { placeOwnCell } from './own-cells';
import { markChangedStarters, starterOf } from './starter-updates';
import { errorOutput, stopLiveOutputs } from './cell-error-output';
import { TAB_CRASHED } from '../lib/kernel/crash-marker';
import { withOutput } from '../lib/kernel/outputs';
import type {
  KernelStatus,
  NotebookKernel,
  NotebookPersistence,
} from '../lib/notebook/notebook-ports';

/**
 * The open lesson as a notebook: its cells in order, one kernel, run/interrupt/restart, and
 * every edit and result written through to persistence as it happens.
 */
export class Notebook {
  /** Replaced in place when `npm run dev` updates the lesson (lesson-reload.ts). */
  lesson: Lesson;
  cells = $state<CellState[]>([]);
  kernelStatus = $state<KernelStatus>('starting');
  /** Last persistence problem, shown to the student; edits stay in memory meanwhile. */
  saveError = $state<string | null>(null);

  #kernel: NotebookKernel;
  #store: NotebookPersistence;
  #executionCounter = 0;
  #setup: HiddenSetup;
  #queue: Promise<unknown> = Promise.resolve();
  #stopStatus: () => void;
  #sources: CellSourceWriter;
  #stopWatch: (() => void) | undefined;

  constructor(lesson: Lesson, kernel: NotebookKernel, store: NotebookPersistence) {
    this.lesson = lesson;
    this.#kernel = kernel;
    this.#store = store;
    this.#setup = new HiddenSetup(kernel, () => this.setupSources);
    this.#sources = new CellSourceWriter(
      store,
      lesson.meta.id,
      (error) => (this.saveError = error),
      starterOf(() => this.cells),
    );
    this.#stopStatus = kernel.onStatus((status) => {
      this.kernelStatus = status;
      // Stopped by a crash or the memory meter, not only by interrupt/restart: same bookkeeping.
      if (status === 'dead') this.#afterKernelLoss();
    });
    this.cells = lesson.blocks.flatMap((block) =>
      block.kind === 'code' || block.kind === 'exercise'
        ? [new CellState({ ...block, kind: block.kind })]
        : [],
    );
  }

  get setupSources(): string[] {
    return this.lesson.blocks.flatMap((b) => (b.kind === 'setup' ? [b.source] : []));
  }

  get busy(): boolean {
    return this.cells.some((c) => c.status !== 'idle');
  }

  /** Restores the student's saved edits, scratch cells and exercise results. */
  async load(): Promise<void> {
    const id = this.lesson.meta.id;
    try {
      const [sources, results, starters] = await Promise.all([
        this.#store.loadSources(id),
        this.#store.loadExerciseResults(id),
        this.#store.loadStarters?.(id),
      ]);
      for (const [cellId, source] of sources) {
        const own = parseStudentCellId(cellId);
        if (own) placeOwnCell(this.cells, new CellState({ id: cellId, kind: own.kind, source }));
        else {
          const cell = this.cells.find((c) => c.id === cellId);
          if (cell) cell.source = source;
        }
      }
      markChangedStarters(this.cells, starters ?? []);
      for (const [cellId, result] of results) {
        const cell = this.cells.find((c) => c.id === cellId);
        if (!cell) continue;
        // A row from a reveal alone (no check yet) has no result to show.
        if (result.attempts > 0) cell.checkResult = { pass: result.pass, message: result.message };
        cell.attempts = result.attempts;
        cell.hintsShown = Math.min(result.hintsShown, cell.hints.length);
        cell.solutionShown = result.solutionShown;
      }
      this.#stopWatch ??= this.#store.watchSources?.(id, (rows) => this.#applyStored(rows));
      await this.#store.markVisited(id);
    } catch (error) {
      this.saveError = (error as Error).message;
    }
    // The hidden setup runs while the student reads, not when the first Run is pressed; a failure
    // is reported by that run (and the next run tries again).
    this.#setup.ensure().catch(() => undefined);
    // After the scratch cells are placed: the crashed one may be among them.
    const crashed = await this.#kernel.crashedCell;
    const cell = this.cells.find((c) => c.id === crashed);
    if (cell) cell.outputs = [{ type: 'error', name: 'TabCrashed', message: TAB_CRASHED }];
  }

  edit(cell: CellState, source: string): void {
    // The editor echoes a source set from outside (another tab, a restore): nothing new to save.
    if (source === cell.source) return;
    cell.source = source;
    this.#saveSource(cell.id, source);
  }

  resetCell(cell: CellState): void {
    cell.source = cell.original;
    this.#saveSource(cell.id, null);
  }

  /** "Keep my code" on a changed starter: the edit is stored again, now based on the new one. */
  keepOwnCode(cell: CellState): void {
    cell.starterChanged = false;
    this.#saveSource(cell.id, cell.source);
  }

  insertScratchAfter(anchor: CellState): CellState {
    return this.#insertOwnAfter(anchor, 'scratch');
  }

  /** A Markdown cell of the student's own, after `anchor`; stored like any edit. */
  insertNoteAfter(anchor: CellState): CellState {
    return this.#insertOwnAfter(anchor, 'note');
  }

  /** Deletes one of the student's own cells (scratch or note); lesson cells cannot be deleted. */
  deleteScratch(cell: CellState): void {
    if (!cell.own) return;
    this.cells = this.cells.filter((c) => c !== cell);
    this.#saveSource(cell.id, null);
  }

  #insertOwnAfter(anchor: CellState, kind: StudentCellKind): CellState {
    const base = parseStudentCellId(anchor.id)?.anchorId ?? anchor.id;
    // One serial for both kinds: after a reload, the student's cells below an anchor are in it.
    const serials = this.cells.map((c) => parseStudentCellId(c.id)?.serial ?? 0);
    const cell = new CellState({
      id: studentCellId(kind, base, Math.max(0, ...serials) + 1),
      kind,
      source: '',
    });
    const at = this.cells.indexOf(anchor);
    this.cells.splice(at + 1, 0, cell);
    this.#saveSource(cell.id, '');
    return cell;
  }

  /** Jupyter's "Clear outputs": every cell's outputs, counts and times go; code and notes stay. */
  clearOutputs(): void {
    for (const cell of this.cells) {
      cell.outputs = [];
      cell.executionCount = null;
      cell.durationMs = null;
      cell.ranSource = null;
    }
  }

  /** Jupyter's "Restart and clear": a fresh kernel, no outputs, execution counts from 1 again. */
  async restartAndClear(): Promise<void> {
    await this.restart();
    this.clearOutputs();
    this.#executionCounter = 0;
  }

  run(cell: CellState): Promise<void> {
    if (!cell.runnable) return Promise.resolve();
    cell.status = 'queued';
    return this.#enqueue(() => this.#runNow(cell));
  }

  runAll(): Promise<void> {
    return this.#runMany(this.cells);
  }

  runAbove(cell: CellState): Promise<void> {
    return this.#runMany(this.cells.slice(0, this.cells.indexOf(cell)));
  }

  /** Runs the exercise cell, then its check in the same scope, and records the result. */
  async checkExercise(cell: CellState): Promise<void> {
    await this.run(cell);
    if (cell.outputs.some((o) => o.type === 'error')) {
      cell.checkResult = { pass: false, message: 'Fix the error in your code first.' };
    } else {
      cell.checking = true;
      try {
        cell.checkResult = await this.#enqueue(() =>
          this.#kernel.check(cell.id, cell.check, NOT_YET_MESSAGE),
        );
      } catch (error) {
        cell.checkResult = { pass: false, message: (error as Error).message };
      } finally {
        cell.checking = false;
      }
    }
    // An error in the code is a failed attempt too: it counts towards hints and the solution.
    cell.attempts++;
    const result = cell.checkResult;
    this.#persist(() => this.#store.recordExercise(this.lesson.meta.id, cell.id, result));
  }

  /** Shows the exercise's next hint. */
  showHint(cell: CellState): void {
    if (!cell.hintsOffered || cell.hintsShown >= cell.hints.length) return;
    const hintsShown = ++cell.hintsShown;
    this.#persist(() => this.#store.recordReveal(this.lesson.meta.id, cell.id, { hintsShown }));
  }

  showSolution(cell: CellState): void {
    if (!cell.solutionOffered || cell.solutionShown) return;
    cell.solutionShown = true;
    this.#persist(() =>
      this.#store.recordReveal(this.lesson.meta.id, cell.id, { solutionShown: true }),
    );
  }

  /**
   * Puts the solution in the exercise cell. The student's own code is kept in a scratch cell just
   * below, stored like any edit, so replacing loses nothing; returns that cell (null if the code
   * was the solution or the starter already).
   */
  useSolution(cell: CellState): CellState | null {
    if (!cell.solutionShown) return null;
    const own = cell.source;
    let kept: CellState | null = null;
    if (own !== cell.solution && own !== cell.original) {
      kept = this.insertScratchAfter(cell);
      this.edit(kept, `// Your code for "${cell.title}", before you used the solution:\n${own}`);
    }
    this.edit(cell, cell.solution);
    return kept;
  }

  async interrupt(): Promise<void> {
    this.#afterKernelLoss();
    await this.#kernel.interrupt();
    this.#stopRuns('interrupted: the kernel was stopped while the run was active');
  }

  async restart(): Promise<void> {
    this.#afterKernelLoss();
    await this.#kernel.restart();
    this.#stopRuns('the kernel was restarted while the run was active');
  }

  #stopRuns(reason: string): void {
    this.#persist(() => this.#store.stopRuns(this.lesson.meta.id, reason));
  }

  tablePage(ref: string, offset: number, limit: number) {
    return this.#kernel.tablePage(ref, offset, limit);
  }

  dispose(): void {
    this.#stopWatch?.();
    this.#stopStatus();
    this.#kernel.dispose();
  }

  async #runMany(all: CellState[]): Promise<void> {
    const cells = all.filter((c) => c.runnable);
    for (const cell of cells) cell.status = 'queued';
    for (const cell of cells) {
      await this.run(cell);
      if (cell.outputs.some((o) => o.type === 'error')) {
        // Like Jupyter's "Run all": stop at the first error rather than cascade failures.
        for (const rest of cells) if (rest.status === 'queued') rest.status = 'idle';
        return;
      }
    }
  }

  async #runNow(cell: CellState): Promise<void> {
    if (cell.status !== 'queued') return; // cancelled by an interrupt while waiting
    cell.status = 'running';
    cell.outputs = [];
    cell.durationMs = null;
    cell.startedAt = performance.now();
    const source = cell.source;
    let finished = false;
    try {
      // The code is stored before it runs: a cell that takes the tab down cannot take its edit too.
      await this.#sources.settled(cell.id);
      await this.#setup.ensure();
      const result = await this.#kernel.run(cell.id, source, (output) => {
        // Streamed outputs show progress while the cell runs; once the run's result arrives it is
        // the complete list, and a streamed message that lands after it must not be added twice.
        if (!finished) cell.outputs = withOutput(cell.outputs, output);
      });
      finished = true;
      cell.outputs = result.outputs;
      cell.executionCount = ++this.#executionCounter;
      cell.ranSource = source;
      cell.durationMs = result.durationMs;
      const meta = {
        executionCount: cell.executionCount,
        status: result.status,
        durationMs: result.durationMs,
      };
      this.#persist(() => this.#store.recordRun(this.lesson.meta.id, cell.id, meta));
    } catch (error) {
      finished = true;
      const output = errorOutput(error);
      // A kernel stopped from inside (the memory meter) may already have streamed the same error.
      const shown = cell.outputs.some((o) => o.type === 'error' && o.message === output.message);
      const kept = stopLiveOutputs(cell.outputs);
      cell.outputs = shown ? kept : [...kept, output];
      cell.executionCount = ++this.#executionCounter;
      cell.ranSource = source;
      cell.durationMs = performance.now() - cell.startedAt;
    } finally {
      cell.startedAt = null;
      cell.status = 'idle';
    }
  }

  #afterKernelLoss(): void {
    this.#setup.forget();
    for (const cell of this.cells) {
      if (cell.status === 'queued') cell.status = 'idle';
      cell.ranSource = null; // outputs now describe a kernel that no longer exists
    }
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #saveSource(cellId: string, source: string | null): void {
    this.#sources.save(cellId, source);
  }

  /**
   * Another tab's saved edit (or an import, a restore) reaches the open editors. A cell with a
   * write of its own in flight is left alone: that write compares its base with the stored version
   * and keeps both if they differ.
   */
  #applyStored(rows: Map<string, { source: string; updatedAt: number }>): void {
    const known = this.#sources.known;
    const first = known.size === 0;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local work list
    const ids = new Set([...rows.keys(), ...known.keys()]);
    if (first) for (const cell of this.cells) ids.add(cell.id);
    for (const cellId of ids) {
      if (this.#sources.busy(cellId)) continue;
      const row = rows.get(cellId);
      const stored = row?.updatedAt ?? 0;
      const before = known.get(cellId);
      known.set(cellId, stored);
      if (before !== undefined && stored === before) continue;
      const cell = this.cells.find((c) => c.id === cellId);
      if (row && cell) cell.source = row.source;
      else if (row && parseStudentCellId(cellId))
        placeOwnCell(
          this.cells,
          new CellState({ id: cellId, kind: parseStudentCellId(cellId)!.kind, source: row.source }),
        );
      else if (!row && cell?.own) this.cells = this.cells.filter((c) => c !== cell);
      else if (!row && cell) cell.source = cell.original;
    }
  }

  #persist(write: () => Promise<void>): void {
    write().then(
      () => (this.saveError = null),
      (error: Error) => (this.saveError = error.message),
    );
  }
}
