import { from as aqFrom, type ColumnTable } from 'arquero';
import { fromArquero, toArquero, type ColumnarTable } from '../data/columnar';
import {
  TRANSFORM_KINDS,
  type DataVersion,
  type VersionTransform,
} from '../data/catalog/content-id';
import { defineLabNamespace } from './index';
import { labServices } from './services';
import { LiveProgress, runInSteps, SHOW_AFTER_MS } from './live-progress';
import { isArquero } from './tables';
import { isNumericSummary, summarizeColumn, type ColumnSummary } from '../data/catalog/summary';
import { diffStepCount, diffSteps } from '../data/catalog/diff';
import { DataCatalogError } from '../data/catalog/catalog';
import { datasetNameProblem } from '../data/catalog/names';
import {
  assertValid,
  parseSuite,
  suite,
  validate,
  SuiteBuilder,
  type ValidationReport,
} from '../data/validation';

/** Which data version each table handed to a cell came from, so `save` can record lineage. */
const origins = new WeakMap<object, DataVersion>();

function columnar(table: unknown, what: string): ColumnarTable {
  if (isArquero(table)) return fromArquero(table);
  throw new TypeError(`${what} must be an arquero table (from lab.data.load or aq.table).`);
}

async function parentIds(from: unknown): Promise<string[]> {
  const list = Array.isArray(from) ? from : from === undefined ? [] : [from];
  const ids: string[] = [];
  for (const item of list) {
    if (typeof item === 'string') ids.push((await labServices().catalog.resolve(item)).id);
    else if (item && origins.has(item as object)) ids.push(origins.get(item as object)!.id);
    else
      throw new TypeError(
        'from: give the parent as a dataset name or version id (e.g. "nyc-taxi"), or a table that lab.data.load returned.',
      );
  }
  return ids;
}

async function tableOf(ref: unknown): Promise<ColumnarTable> {
  if (typeof ref === 'string') return (await labServices().catalog.load(ref)).table;
  return columnar(ref, 'The table');
}

const isoTime = (ms: number) =>
  Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Summaries as a table: one row per column, the numbers of pandas' describe(). */
function summaryTable(summaries: ColumnSummary[]): ColumnTable {
  return aqFrom(
    summaries.map((s) => {
      const row = { column: s.column, type: s.type, count: s.count, missing: s.missing };
      if (!isNumericSummary(s)) return { ...row, unique: s.unique, top: s.top };
      // Datetimes read as times; their spread as days.
      const show = s.type === 'datetime' ? isoTime : (v: number) => v;
      return {
        ...row,
        mean: show(s.mean),
        std: s.type === 'datetime' ? `${(s.std / 86_400_000).toFixed(1)} days` : s.std,
        min: show(s.min),
        median: show(s.median),
        max: show(s.max),
      };
    }),
    // Named, so columns come from every row, not just the first one's keys.
    ['column', 'type', 'count', 'missing', 'mean', 'std', 'min', 'median', 'max', 'unique', 'top'],
  );
}

function* summarySteps(table: ColumnarTable): Generator<void, ColumnSummary[], void> {
  const summaries: ColumnSummary[] = [];
  for (const column of table.columns) {
    summaries.push(summarizeColumn(column, table.rowCount));
    yield;
  }
  return summaries;
}

/** Values (rows × columns) from which a summary or a diff takes a second or more. */
const LONG_VALUES = 1_000_000;

/** `work` in steps under a bar with Cancel; a cancelled one returns nothing and stores nothing. */
async function withBar<T>(
  display: (value: unknown) => void,
  title: string,
  steps: number,
  values: number,
  work: Generator<void, T, void>,
): Promise<T> {
  const bar = new LiveProgress(
    display,
    title,
    steps,
    'steps',
    values >= LONG_VALUES ? 0 : SHOW_AFTER_MS,
  );
  try {
    const result = await runInSteps(work, bar);
    bar.end('done', null);
    return result;
  } catch (error) {
    if (bar.cancelSignal.aborted) throw bar.cancelled('no result was made');
    bar.end('failed', (error as Error).message);
    throw error;
  }
}

const sizeOf = (t: ColumnarTable) => t.rowCount * t.columns.length;

/** One row per expectation, for reading a report at a glance. */
function reportTable(report: ValidationReport): ColumnTable {
  return aqFrom(
    report.results.map((r) => ({
      expectation: r.expectation_type.replace(/^expect_/, ''),
      column: 'column' in r.kwargs ? r.kwargs.column : '',
      success: r.success,
      unexpected: r.result.unexpected_count ?? null,
      'unexpected %': r.result.unexpected_percent ?? null,
      observed:
        r.exception_info?.message ??
        (r.result.observed_value === undefined ? '' : JSON.stringify(r.result.observed_value)),
    })),
  );
}

function transformKind(kind: string | undefined): VersionTransform['kind'] {
  if (kind === undefined) return 'derive';
  if ((TRANSFORM_KINDS as readonly string[]).includes(kind))
    return kind as VersionTransform['kind'];
  throw new TypeError(`transform must be one of ${TRANSFORM_KINDS.join(', ')} (got "${kind}").`);
}

function versionsTable(versions: DataVersion[]): ColumnTable {
  return aqFrom(
    versions.map((v) => ({
      id: v.id,
      name: v.name,
      rows: v.rowCount,
      columns: v.schema.length,
      transform: v.transform.kind,
      description: v.transform.description,
      parents: v.parents.join(', '),
      created: new Date(v.createdAt),
    })),
  );
}

/** Rows of a shipped CSV whose import takes a second or more: its bar shows at once. */
const LONG_IMPORT_ROWS = 50_000;

/**
 * A load whose first import of a shipped CSV shows a bar of rows (small files only if they take
 * longer than SHOW_AFTER_MS) with a Cancel that stops the parse: nothing is stored then, and the next
 * load imports from the start.
 */
async function loadWithBar(display: (value: unknown) => void, ref: string) {
  const stop = new AbortController();
  let bar: LiveProgress | null = null;
  try {
    return await labServices().catalog.load(ref, {
      signal: stop.signal,
      onStart: (shipped) => {
        bar = new LiveProgress(
          display,
          `Importing ${shipped.name} (datasets/${shipped.file})`,
          shipped.rows,
          'rows',
          shipped.rows >= LONG_IMPORT_ROWS ? 0 : SHOW_AFTER_MS,
        );
        bar.cancelSignal.addEventListener('abort', () => stop.abort(bar!.cancelSignal.reason));
      },
      onRows: (rows) => bar?.step(rows),
    });
  } catch (error) {
    const started = bar as LiveProgress | null;
    if (started && stop.signal.aborted)
      throw started.cancelled(
        `nothing was stored; lab.data.load('${ref}') imports it again from the start`,
      );
    started?.end('failed', (error as Error).message);
    throw error;
  } finally {
    (bar as LiveProgress | null)?.end('done', null);
  }
}

/** Values (rows × columns: 128 MB of numbers) from which a save takes a second or more. */
const LONG_SAVE_VALUES = 16_000_000;

/**
 * A save under a bar of rows written (after hashing, which the note names) with a Cancel that
 * stops it before its commit: the write is one transaction, so nothing of it is stored then.
 */
async function saveWithBar(
  display: (value: unknown) => void,
  name: string,
  table: ColumnarTable,
  lineage: { parents: string[]; transform: VersionTransform },
): Promise<DataVersion> {
  const bar = new LiveProgress(
    display,
    `Saving ${name}: ${table.rowCount.toLocaleString('en-US')} rows × ${table.columns.length} columns`,
    table.rowCount,
    'rows',
    sizeOf(table) >= LONG_SAVE_VALUES ? 0 : SHOW_AFTER_MS,
  );
  bar.step(0, 'hashing the content for its version id');
  try {
    const version = await labServices().catalog.save(name, table, lineage, {
      watch: {
        signal: bar.cancelSignal,
        onRows: (rows) => bar.step(rows, "writing to the browser's storage"),
      },
    });
    bar.end('done', `stored as ${version.name}@${version.id}`);
    return version;
  } catch (error) {
    if (bar.cancelSignal.aborted)
      throw bar.cancelled(
        `nothing was stored (no version of "${name}", no partial data); save it again to store it`,
      );
    bar.end('failed', (error as Error).message);
    throw error;
  }
}

defineLabNamespace('data', (ctx) => ({
  async load(ref: string) {
    const { version, table } = await loadWithBar(ctx.display, ref);
    const result = toArquero(table);
    origins.set(result, version);
    return result;
  },
  info: (ref: string) => labServices().catalog.resolve(ref),
  versions: async (name?: string) => versionsTable(await labServices().catalog.versions(name)),
  names: () => labServices().catalog.names(),
  remove: async (ref: string) => versionsTable(await labServices().catalog.remove(ref)),
  versionOf: (table: object) => origins.get(table),
  async summary(ref: unknown) {
    const table = await tableOf(ref);
    const title = `Summary of ${table.columns.length} columns, ${table.rowCount.toLocaleString('en-US')} rows`;
    const steps = summarySteps(table);
    return summaryTable(
      await withBar(ctx.display, title, table.columns.length, sizeOf(table), steps),
    );
  },
  async diff(before: unknown, after: unknown) {
    const [a, b] = [await tableOf(before), await tableOf(after)];
    const rows = (t: ColumnarTable) => t.rowCount.toLocaleString('en-US');
    const title = `Diff of ${rows(a)} and ${rows(b)} rows`;
    const size = sizeOf(a) + sizeOf(b);
    return withBar(ctx.display, title, diffStepCount(a, b), size, diffSteps(a, b));
  },
  suite: (name: string) => suite(name),
  async validate(table: unknown, expectations: unknown) {
    const parsed =
      expectations instanceof SuiteBuilder ? expectations.toJSON() : parseSuite(expectations);
    return validate(await tableOf(table), parsed);
  },
  reportTable,
  assertValid: (report: ValidationReport) => assertValid(report),
  async save(
    name: string,
    table: unknown,
    options: { from?: unknown; transform?: string; description?: string } = {},
  ) {
    // Checked before the table is converted and hashed; the catalogue checks again for every caller.
    const problem = datasetNameProblem(name);
    if (problem) throw new DataCatalogError('invalid-name', problem);
    const data = columnar(table, 'table');
    const lineage = {
      parents: await parentIds(options.from),
      transform: {
        kind: transformKind(options.transform),
        description: options.description ?? 'Saved from a notebook cell',
      },
    };
    const version = await saveWithBar(ctx.display, name, data, lineage);
    origins.set(table as object, version);
    return version;
  },
}));
