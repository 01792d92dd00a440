import type { AppForm } from '../apps/declaration';
import { inspect } from './inspect';
import type { Output, TableOutput } from './outputs';

export interface TableLike {
  numRows(): number;
  columnNames(): string[];
  slice(start: number, end: number): TableLike;
  objects(): Record<string, unknown>[];
}

function isTable(value: unknown): value is TableLike {
  const v = value as Partial<TableLike> | null;
  return (
    typeof v?.numRows === 'function' &&
    typeof v.columnNames === 'function' &&
    typeof v.objects === 'function'
  );
}

function isElement(value: unknown): value is { outerHTML: string; tagName: string } {
  const v = value as { outerHTML?: unknown; tagName?: unknown } | null;
  return typeof v?.outerHTML === 'string' && typeof v.tagName === 'string';
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (
    value === null ||
    value === undefined ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  )
    return value ?? null;
  return typeof value === 'string' ? value : inspect(value, 0);
}

export function tablePage(
  ref: string,
  table: TableLike,
  offset: number,
  limit: number,
): TableOutput {
  const names = table.columnNames();
  const objects = table.slice(offset, offset + limit).objects();
  // Own properties only: a column named "constructor" or "toString" is not the object's method.
  const cell = (row: Record<string, unknown> | undefined, name: string): unknown =>
    row && Object.hasOwn(row, name) ? row[name] : undefined;
  const sample = table.slice(0, 1).objects()[0];
  return {
    type: 'table',
    ref,
    columns: names.map((name) => {
      const v = cell(sample, name);
      return { name, type: v instanceof Date ? 'date' : typeof v };
    }),
    rows: objects.map((row) => names.map((n) => plain(cell(row, n)))),
    offset,
    total: table.numRows(),
  };
}

/** Turns a cell's value into an output; tables are kept by `remember` for paging. */
/** Text a cell shows as formatted Markdown (a model card, a report) rather than as a string. */
export class Markdown {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A file a cell hands to the student (an exported project): shown as a download button. */
export class FileDownload {
  constructor(
    readonly name: string,
    readonly bytes: Uint8Array,
    readonly summary: string,
  ) {}
}

/**
 * An output the lab API updates while a cell runs (a live loss curve): each display of the same
 * `id` replaces the last one where it stands.
 */
export class LiveDisplay {
  constructor(
    readonly id: string,
    readonly kind: string,
    readonly data: unknown,
  ) {}
}

/** A form a cell declared (lab.app.form): shown as a preview with a link to its page. */
export class AppFormPreview {
  constructor(readonly form: AppForm) {}
}

export function toOutput(value: unknown, remember: (table: TableLike) => string): Output | null {
  if (value === undefined) return null;
  if (value instanceof Markdown) return { type: 'markdown', text: value.text };
  if (value instanceof FileDownload)
    return {
      type: 'rich',
      kind: 'download',
      data: { name: value.name, bytes: value.bytes, summary: value.summary },
    };
  if (value instanceof LiveDisplay)
    return { type: 'rich', kind: value.kind, data: value.data, displayId: value.id };
  if (value instanceof AppFormPreview) return { type: 'rich', kind: 'app-form', data: value.form };
  if (isTable(value)) return tablePage(remember(value), value, 0, 10);
  if (isElement(value)) {
    const plot = value.tagName.toLowerCase() === 'svg' || value.tagName.toLowerCase() === 'figure';
    return plot ? { type: 'plot', html: value.outerHTML } : { type: 'html', html: value.outerHTML };
  }
  return { type: 'value', text: inspect(value) };
}
