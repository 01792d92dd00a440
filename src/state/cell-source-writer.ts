import type { NotebookPersistence } from '../lib/notebook/notebook-ports';

/**
 * A lesson's cell sources written through to storage. Keystrokes arrive faster than IndexedDB
 * commits, so writes per cell are coalesced: at most one in flight, the latest wins. It also
 * remembers, per cell, the stored version the text in memory is based on, so a save never
 * silently overwrites another tab's newer edit (the store keeps both).
 */
export class CellSourceWriter {
  readonly #pending = new Map<string, string | null>();
  readonly #writing = new Set<string>();
  readonly #drains = new Map<string, Promise<void>>();
  /** Per cell, the stored version (`updatedAt`, 0 = none) the text in memory is based on. */
  readonly known = new Map<string, number>();

  constructor(
    private readonly store: NotebookPersistence,
    private readonly lessonId: string,
    private readonly onResult: (error: string | null) => void,
    /** The starter version a lesson cell's edit is based on, stored with it (item: author changes). */
    private readonly starterOf: (cellId: string) => string | undefined = () => undefined,
  ) {}

  /** Queues the cell's latest source (null = back to the lesson's original). */
  save(cellId: string, source: string | null): void {
    this.#pending.set(cellId, source);
    if (this.#writing.has(cellId)) return;
    const drain = this.#drain(cellId);
    this.#drains.set(cellId, drain);
    void drain.finally(() => {
      if (this.#drains.get(cellId) === drain) this.#drains.delete(cellId);
    });
  }

  /** Resolves once the cell's queued writes are stored (or have failed). */
  settled(cellId: string): Promise<void> | undefined {
    return this.#drains.get(cellId);
  }

  /** True while the cell has a write queued or in flight. */
  busy(cellId: string): boolean {
    return this.#pending.has(cellId) || this.#writing.has(cellId);
  }

  async #drain(cellId: string): Promise<void> {
    this.#writing.add(cellId);
    while (this.#pending.has(cellId)) {
      const source = this.#pending.get(cellId) ?? null;
      this.#pending.delete(cellId);
      try {
        const basedOn = this.known.get(cellId);
        if (source === null) {
          await this.store.resetSource(this.lessonId, cellId, basedOn);
          this.known.set(cellId, 0);
        } else {
          const starter = this.starterOf(cellId);
          const stored = await this.store.saveSource(
            this.lessonId,
            cellId,
            source,
            basedOn,
            starter,
          );
          if (typeof stored === 'number') this.known.set(cellId, stored);
        }
        this.onResult(null);
      } catch (error) {
        this.onResult((error as Error).message);
      }
    }
    this.#writing.delete(cellId);
  }
}
