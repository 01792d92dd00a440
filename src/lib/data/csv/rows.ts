import { type ColumnarTable, type ColumnType } from '../columnar/types';
import { ColumnBuilder, parseFor } from './builder';
import { CsvImportError, type RowProblem, rowProblemError } from './errors';
import { valueAt } from './fast-fields';
import { inferType } from './infer';
import { type CsvImportOptions, type Promotion } from './options';

/**
 * The student's type for column `name`, if any. Own properties only: `types.constructor` of a
 * plain object is a function, not an override.
 */
const override = (options: CsvImportOptions, name: string): ColumnType | undefined =>
  options.types && Object.hasOwn(options.types, name) ? options.types[name] : undefined;

const rawOf = (fields: string[], delimiter: string): string => fields.join(delimiter).slice(0, 200);

function checkHeader(names: string[]): void {
  const empty = names.flatMap((n, i) => (n.trim() === '' ? [i + 1] : []));
  if (empty.length > 0) {
    throw new CsvImportError(
      'bad-header',
      `The header row has empty column names at position(s) ${empty.join(', ')}. ` +
        'Either name every column in the first line or remove the empty columns.',
    );
  }
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    const first = seen.get(n);
    if (first !== undefined) {
      throw new CsvImportError(
        'bad-header',
        `The header row names column "${n}" twice, at positions ${first + 1} and ${i + 1}. ` +
          'Rename one of them so every column name is unique.',
      );
    }
    seen.set(n, i);
  });
}

/** Turns tokenized rows into column builders: header, type inference, promotion, problems. */
export class RowAssembler {
  private header: string[] | null = null;
  private sample: { fields: string[]; line: number; row: number }[] = [];
  private builders: ColumnBuilder[] | null = null;
  private scratch: number[] = [];
  private texts: string[] = [];
  private problems: RowProblem[] = [];
  private problemCount = 0;
  private promotions: Promotion[] = [];
  rowCount = 0;
  /** Data rows seen so far, skipped ones included: the number of the row being added. */
  records = 0;

  constructor(private readonly options: CsvImportOptions) {}

  add(fields: string[], line: number): void {
    if (!this.header) return this.setHeader(fields);
    const header = this.header;
    const row = ++this.records;
    if (fields.length !== header.length) {
      const column = header[fields.length] ?? `(extra field ${header.length + 1})`;
      const reason = `expected ${header.length} fields but found ${fields.length}`;
      return this.problem({ line, row, column, reason, raw: rawOf(fields, this.delimiter) });
    }
    if (this.builders) return this.append(fields, line, row);
    this.sample.push({ fields, line, row });
    if (this.sample.length >= (this.options.inferRows ?? 1000)) this.startColumns();
  }

  private get delimiter(): string {
    return this.options.delimiter ?? ',';
  }

  private setHeader(names: string[]): void {
    checkHeader(names);
    const unknown = Object.keys(this.options.types ?? {}).filter((t) => !names.includes(t));
    if (unknown.length > 0) {
      throw new CsvImportError(
        'unknown-column',
        `Type overrides name column(s) not in the header: ${unknown.join(', ')}. ` +
          `The columns are: ${names.join(', ')}.`,
      );
    }
    this.header = names;
  }

  private startColumns(): void {
    const header = this.header ?? [];
    this.builders = header.map((name, j) => {
      const type: ColumnType =
        override(this.options, name) ??
        (this.sample.length === 0
          ? 'string'
          : inferType(this.sample.map((r) => r.fields[j] ?? '')));
      return new ColumnBuilder(name, type);
    });
    const sample = this.sample;
    this.sample = [];
    for (const r of sample) this.append(r.fields, r.line, r.row);
  }

  private append(fields: string[], line: number, row: number): void {
    const builders = this.builders ?? [];
    for (let j = 0; j < builders.length; j++) {
      const b = builders[j] as ColumnBuilder;
      const s = fields[j] ?? '';
      let v = parseFor(b.type, s);
      if (v === null) {
        if (override(this.options, b.name) !== undefined) {
          const reason = `"${s.slice(0, 40)}" is not a valid ${b.type}`;
          return this.problem({
            line,
            row,
            column: b.name,
            reason,
            raw: rawOf(fields, this.delimiter),
          });
        }
        const from = b.type;
        b.promote(b.widerType(s));
        this.promotions.push({ column: b.name, from, to: b.type, line, row });
        v = parseFor(b.type, s) ?? 0;
      }
      this.scratch[j] = v;
    }
    for (let j = 0; j < builders.length; j++) {
      (builders[j] as ColumnBuilder).push(fields[j] ?? '', this.scratch[j] ?? NaN);
    }
    this.rowCount++;
  }

  /**
   * Appends the row `s[start, end)` (one physical line, no quote, no line break) when every field
   * fits its column as it stands; `false` — and nothing appended — sends the line through
   * `add` instead, which splits, promotes and reports problems. The value of each field is the
   * one `add` would store, so both lanes build the same columns.
   */
  fastLine(s: string, start: number, end: number, delim: number): boolean {
    const builders = this.builders;
    if (!builders || start === end) return false;
    const last = builders.length - 1;
    const delimiter = String.fromCharCode(delim);
    let at = start;
    for (let j = 0; j <= last; j++) {
      // indexOf scans a one-byte string far faster than a charCodeAt loop.
      let e = s.indexOf(delimiter, at);
      if (e < 0 || e > end) e = end;
      // Too few fields, or too many: `add` reports it.
      if (j < last ? e === end : e !== end) return false;
      const type = (builders[j] as ColumnBuilder).type;
      if (type === 'string' || type === 'category') this.texts[j] = s.slice(at, e);
      else {
        const v = valueAt(type, s, at, e);
        if (v === null) return false;
        this.scratch[j] = v;
      }
      at = e + 1;
    }
    this.records++;
    for (let j = 0; j <= last; j++) {
      const b = builders[j] as ColumnBuilder;
      if (b.type === 'string' || b.type === 'category') b.push(this.texts[j] as string, 0);
      else b.push('', this.scratch[j] as number);
    }
    this.rowCount++;
    return true;
  }

  /** Records a problem; with `onError: 'stop'` (default) throws it instead. */
  problem(p: RowProblem): void {
    if ((this.options.onError ?? 'stop') === 'stop') throw rowProblemError(p);
    this.problemCount++;
    if (this.problems.length < (this.options.maxProblems ?? 100)) this.problems.push(p);
  }

  finish(): ColumnarTable {
    if (!this.header) {
      throw new CsvImportError(
        'empty-file',
        'The file is empty: a CSV needs a header line with the column names. ' +
          'Check that you picked the right file.',
      );
    }
    if (!this.builders) this.startColumns();
    const columns = (this.builders ?? []).map((b) => b.finish());
    const name = this.options.name;
    return { ...(name === undefined ? {} : { name }), columns, rowCount: this.rowCount };
  }

  report(): { problems: RowProblem[]; problemCount: number; promotions: Promotion[] } {
    return {
      problems: this.problems,
      problemCount: this.problemCount,
      promotions: this.promotions,
    };
  }
}
