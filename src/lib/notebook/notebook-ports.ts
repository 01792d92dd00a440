import type { Output, TableOutput } from '../kernel/outputs';

/** What the notebook needs from the kernel; `KernelBridge` provides it. */
export interface NotebookKernel {
  run(
    cellId: string,
    source: string,
    onOutput: (output: Output) => void,
  ): Promise<{ status: 'ok' | 'error'; outputs: Output[]; durationMs: number }>;
  /** A lesson's hidden setup, declared where checks read and cells cannot. */
  runSetup(
    cellId: string,
    source: string,
    onOutput: (output: Output) => void,
  ): Promise<{ status: 'ok' | 'error'; outputs: Output[]; durationMs: number }>;
  check(
    exerciseId: string,
    source: string,
    hint: string,
  ): Promise<{ pass: boolean; message: string }>;
  tablePage(ref: string, offset: number, limit: number): Promise<TableOutput>;
  interrupt(): Promise<void> | void;
  restart(): Promise<void> | void;
  dispose(): void;
  onStatus(listener: (status: KernelStatus) => void): () => void;
  /** The cell a crashed tab was running when it went down, if any (see lib/kernel/crash-marker). */
  readonly crashedCell?: Promise<string | undefined>;
}

export type KernelStatus = 'starting' | 'idle' | 'busy' | 'dead';

/** An exercise's stored state: the last check, how many checks, and what the student revealed. */
export interface ExerciseProgress {
  pass: boolean;
  message: string;
  attempts: number;
  hintsShown: number;
  solutionShown: boolean;
}

/** What the notebook needs from persistence; the store adapter provides it. */
export interface NotebookPersistence {
  loadSources(lessonId: string): Promise<Map<string, string>>;
  /**
   * Saves a source; `basedOn` is the stored version's `updatedAt` the edit started from, so a newer
   * one saved by another tab is kept (as a scratch cell) rather than overwritten. Returns the new
   * `updatedAt`.
   */
  saveSource(
    lessonId: string,
    cellId: string,
    source: string,
    basedOn?: number,
    /** `starterHash` of the lesson cell's starter the edit is based on (none for own cells). */
    starter?: string,
  ): Promise<number | void>;
  /** Per lesson cell, the starter version its stored edit was based on (edits since it was kept). */
  loadStarters?(lessonId: string): Promise<Map<string, string>>;
  resetSource(lessonId: string, cellId: string, basedOn?: number): Promise<void>;
  /** The lesson's stored sources now and after every change from any tab; returns the stop. */
  watchSources?(
    lessonId: string,
    listener: (rows: Map<string, { source: string; updatedAt: number }>) => void,
  ): () => void;
  loadExerciseResults(lessonId: string): Promise<Map<string, ExerciseProgress>>;
  recordExercise(
    lessonId: string,
    exerciseId: string,
    result: { pass: boolean; message: string },
  ): Promise<void>;
  recordReveal(
    lessonId: string,
    exerciseId: string,
    reveal: { hintsShown?: number; solutionShown?: boolean },
  ): Promise<void>;
  recordRun(
    lessonId: string,
    cellId: string,
    meta: { executionCount: number; status: 'ok' | 'error'; durationMs: number },
  ): Promise<void>;
  markVisited(lessonId: string): Promise<void>;
  /** Marks the lesson's still-running tracked runs as killed (its kernel is gone). */
  stopRuns(lessonId: string, reason: string): Promise<void>;
}
