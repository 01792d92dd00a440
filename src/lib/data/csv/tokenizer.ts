const QUOTE = 34;
const CR = 13;
const LF = 10;

export type RowSink = (fields: string[], line: number) => void;

function countLf(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * An RFC 4180 tokenizer fed text in arbitrary pieces: quoted fields, `""` escapes, CRLF/LF/CR,
 * newlines inside quotes, blank lines skipped. Calls `sink(fields, line)` per row, `line`
 * being the 1-based physical line the row starts on.
 */
export class CsvTokenizer {
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  private quoteSeen = false;
  private fieldStarted = false;
  private skipLf = false;
  /** Current physical line (1-based). */
  line = 1;
  private rowLine = 1;
  private readonly delim: number;

  constructor(
    private readonly sink: RowSink,
    delimiter = ',',
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** True while inside a quoted field (an unclosed quote at the end of input). */
  get openQuoteLine(): number | null {
    return this.inQuotes ? this.rowLine : null;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.fieldStarted = false;
  }

  private endRow(): void {
    if (this.fields.length === 0 && !this.fieldStarted && this.field === '') {
      this.line++;
      this.rowLine = this.line;
      return; // blank line
    }
    this.endField();
    const fields = this.fields;
    this.fields = [];
    this.sink(fields, this.rowLine);
    this.line++;
    this.rowLine = this.line;
  }

  push(s: string): void {
    const n = s.length;
    let i = 0;
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (s.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (s.charCodeAt(i) === QUOTE) {
            this.field += '"';
            i++;
            continue;
          }
          this.inQuotes = false;
          continue;
        }
        const q = s.indexOf('"', i);
        const part = q < 0 ? s.slice(i) : s.slice(i, q);
        this.field += part;
        this.line += countLf(part);
        if (q < 0) return;
        this.quoteSeen = true;
        i = q + 1;
        continue;
      }
      const c = s.charCodeAt(i);
      if (c === this.delim) {
        this.endField();
        i++;
      } else if (c === LF) {
        this.endRow();
        i++;
      } else if (c === CR) {
        this.endRow();
        i++;
        if (i === n) this.skipLf = true;
        else if (s.charCodeAt(i) === LF) i++;
      } else if (c === QUOTE && !this.fieldStarted) {
        this.inQuotes = true;
        this.fieldStarted = true;
        i++;
      } else {
        let j = i + 1;
        while (j < n) {
          const d = s.charCodeAt(j);
          if (d === this.delim || d === LF || d === CR) break;
          j++;
        }
        this.field += s.slice(i, j);
        this.fieldStarted = true;
        i = j;
      }
    }
  }

  /** Ends the input: emits a last row without a trailing newline. */
  finish(): void {
    if (this.inQuotes && this.quoteSeen) {
      this.inQuotes = false;
      this.quoteSeen = false;
    }
    if (this.inQuotes) return; // caller reports `openQuoteLine`
    if (this.fields.length > 0 || this.fieldStarted || this.field !== '') this.endRow();
  }
}
