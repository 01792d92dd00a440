import { expose, transfer } from 'comlink';
import type { ColumnType } from '../lib/data/columnar';
import { type CsvProgress, type RowProblem, type Promotion } from '../lib/data/csv';
import { importInParts } from './import-in-parts';
import { csvPreview, type CsvPreview } from '../lib/data/catalog/preview';
import type { DataVersion } from '../lib/data/catalog/content-id';
import type { SavePhase } from '../lib/data/catalog/catalog';
import type { LabServices } from '../lib/lab/services';
import { summarize, type ColumnSummary } from '../lib/data/catalog/summary';
import { diffTables, type TableDiff } from '../lib/data/catalog/diff';
import { createWorkerServices } from './worker-services';
import { exportPythonProject } from '../lib/export/python/write';

export interface ImportRequest {
  file: File;
  name: string;
  types?: Record<string, ColumnType>;
  onError: 'stop' | 'skip';
}

export interface ImportSummary {
  version: DataVersion;
  problems: RowProblem[];
  problemCount: number;
  promotions: Promotion[];
  seconds: number;
  /** Where the time went: reading and parsing, then hashing, encoding and storing. */
  parseSeconds: number;
}

/**
 * An import's phases as User Timing measures in this worker, which the import benchmark reads:
 * `import:parse`, then `save`'s (`import:hash`, `import:encode`, `import:write`,
 * `import:commit`; see SavePhase).
 */
function measure(phase: SavePhase | 'parse', ms: number): void {
  performance.measure(`import:${phase}`, { start: performance.now() - ms, duration: ms });
}

let services: Promise<LabServices> | undefined;

/**
 * Data work for the Data page, off the main thread: CSV preview and import straight into
 * IndexedDB (a 200 MB file never crosses to the page), versions, summaries, diffs and lineage.
 * Cancel = the bridge terminates this worker.
 */
const api = {
  init(siteUrl: string): void {
    services = createWorkerServices(siteUrl);
  },

  async preview(file: File): Promise<CsvPreview> {
    return csvPreview(file);
  },

  async importCsv(
    request: ImportRequest,
    onProgress: (p: CsvProgress) => void,
  ): Promise<ImportSummary> {
    const started = performance.now();
    performance.clearMeasures();
    const { catalog } = await services!;
    const options = {
      name: request.name,
      onError: request.onError,
      totalBytes: request.file.size,
      ...(request.types ? { types: request.types } : {}),
    };
    const result = await importInParts(request.file, options, onProgress);
    const parsed = performance.now();
    measure('parse', parsed - started);
    const version = await catalog.save(
      request.name,
      result.table,
      {
        transform: {
          kind: 'import',
          description: `Imported from ${request.file.name}`,
          params: {
            file: request.file.name,
            bytes: request.file.size,
            onError: request.onError,
            skippedRows: result.problemCount,
            read:
              result.mode.kind === 'partitioned'
                ? `${result.mode.parts} parts in parallel`
                : 'one pass',
            ...(request.types ? { types: request.types } : {}),
          },
        },
      },
      { onPhase: measure, ...(result.id ? { id: result.id } : {}) },
    );
    return {
      version,
      problems: result.problems,
      problemCount: result.problemCount,
      promotions: result.promotions,
      seconds: (performance.now() - started) / 1000,
      parseSeconds: (parsed - started) / 1000,
    };
  },

  async versions(): Promise<DataVersion[]> {
    return (await services!).catalog.versions();
  },

  async summary(id: string): Promise<ColumnSummary[]> {
    return summarize((await (await services!).catalog.load(id)).table);
  },

  async diff(before: string, after: string): Promise<TableDiff> {
    const { catalog } = await services!;
    return diffTables((await catalog.load(before)).table, (await catalog.load(after)).table);
  },

  /** A run or model version as a Python project zip (Runs and Models pages). */
  async exportPython(ref: string): Promise<{ name: string; bytes: Uint8Array }> {
    const { catalog, tracking, registry } = await services!;
    const project = await exportPythonProject({ catalog, tracking, registry }, ref);
    const bytes = project.zip();
    return transfer({ name: project.name, bytes }, [bytes.buffer]);
  },
};

expose(api);
export type DataApi = typeof api;
