import type { Output, TableOutput } from '../lib/kernel/outputs';

/** What the notebook needs from the kernel; `KernelBridge` provides it. */
export interface NotebookKernel {
  run(
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

/** What the notebook needs from persistence; the store adapter provides it. */
export interface NotebookPersistence {
  loadSources(lessonId: string): Promise<Map<string, string>>;
  saveSource(lessonId: string, cellId: string, source: string): Promise<void>;
  resetSource(lessonId: string, cellId: string): Promise<void>;
  loadExerciseResults(lessonId: string): Promise<Map<string, { pass: boolean; message: string }>>;
  recordExercise(
    lessonId: string,
    exerciseId: string,
    result: { pass: boolean; message: string },
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
