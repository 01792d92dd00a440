import { ImportCancelledError, type DataBridge } from '../bridges/data-bridge';
import { recordProgress, startProgress, type ProgressLog } from '../lib/progress/estimate';
import type { ColumnType } from '../lib/data/columnar';
import type { CsvProgress } from '../lib/data/csv';
import type { CsvPreview } from '../lib/data/catalog/preview';
import type { ImportSummary } from '../workers/data.worker';

export type ImportPhase = 'idle' | 'previewing' | 'ready' | 'importing' | 'done' | 'failed';

/** A dataset name from a file name: `train (1).csv` → `train-1`. */
export function nameFromFile(fileName: string): string {
  const base = fileName.replace(/\.(csv|txt)(\.gz)?$/i, '');
  return (
    base
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'dataset'
  );
}

/** One CSV import on the Data page: choose → preview and adjust → import with progress → report. */
export class CsvImport {
  phase = $state<ImportPhase>('idle');
  file = $state<File | null>(null);
  name = $state('');
  preview = $state<CsvPreview | null>(null);
  types = $state<Record<string, ColumnType>>({});
  onError = $state<'stop' | 'skip'>('stop');
  progress = $state<CsvProgress | null>(null);
  /** The same progress in MB over time, for the bar's elapsed time and estimate. */
  log = $state.raw<ProgressLog | null>(null);
  summary = $state<ImportSummary | null>(null);
  error = $state<string | null>(null);
  /** Cancels the preview or import running now. */
  #abort = new AbortController();

  constructor(
    private readonly bridge: DataBridge,
    private readonly onImported: (summary: ImportSummary) => void,
  ) {}

  async choose(file: File): Promise<void> {
    this.file = file;
    this.name = nameFromFile(file.name);
    this.summary = null;
    this.error = null;
    this.types = {};
    this.phase = 'previewing';
    this.#abort = new AbortController();
    try {
      this.preview = await this.bridge.preview(file, this.#abort.signal);
      this.types = Object.fromEntries(this.preview.columns.map((c) => [c.name, c.type]));
      this.phase = 'ready';
    } catch (error) {
      this.fail(error);
    }
  }

  async start(): Promise<void> {
    if (!this.file || !this.preview) return;
    this.phase = 'importing';
    this.error = null;
    this.summary = null;
    this.progress = { bytes: 0, totalBytes: this.file.size, rows: 0 };
    this.log = startProgress(this.file.size / 2 ** 20, 'MB', Date.now());
    this.#abort = new AbortController();
    // Only the columns the student changed are overrides; the rest keep full-file inference.
    const overrides = Object.fromEntries(
      Object.entries(this.types).filter(
        ([name, type]) => this.preview!.columns.find((c) => c.name === name)?.type !== type,
      ),
    );
    try {
      this.summary = await this.bridge.importCsv(
        {
          file: this.file,
          name: this.name,
          onError: this.onError,
          ...(Object.keys(overrides).length ? { types: overrides } : {}),
        },
        (p) => {
          this.progress = p;
          if (this.log) this.log = recordProgress(this.log, p.bytes / 2 ** 20, Date.now());
        },
        this.#abort.signal,
      );
      this.phase = 'done';
      this.onImported(this.summary);
    } catch (error) {
      this.fail(error);
    }
  }

  cancel(): void {
    this.#abort.abort(new ImportCancelledError());
  }

  private fail(error: unknown): void {
    // The parser's advice names its API option; on this page the choice is a radio button.
    this.error = ((error as Error).message ?? String(error)).replace(
      "import with onError: 'skip' to drop bad rows",
      'choose "Skip them and report them" and import again',
    );
    this.phase = 'failed';
  }
}
