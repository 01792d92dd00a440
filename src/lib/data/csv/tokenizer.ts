const QUOTE = 34;
const CR = 13;
const LF = 10;

export type RowSink = (fields: string[], line: number) => void;

/**
 * Takes a whole row `s[start, end)` — one physical line without quotes or line breaks — and
 * returns `true`, or `false` to have it tokenized into fields and passed to the `RowSink`.
 */
export type LineSink = (s: string, start: number, end: number, delim: number) => boolean;

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
    private readonly lineSink?: LineSink,
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /**
   * Offers the plain lines from `i` on to `lineSink` while it takes them; returns where the
   * first line it did not take (or an incomplete last line) starts. Only at a row start.
   */
  private plainLines(s: string, i: number): number {
    const sink = this.lineSink!;
    for (;;) {
      const lf = s.indexOf('\n', i);
      if (lf < 0 || this.next(s, i, 'quote') < lf) return i;
      let end = lf;
      const cr = this.next(s, i, 'cr');
      if (cr < lf) {
        // CRLF ends this line; a lone CR is a line break of its own, left to the tokenizer.
        if (cr !== lf - 1) return i;
        end = cr;
      }
      if (!sink(s, i, end, this.delim)) return i;
      this.line++;
      this.rowLine = this.line;
      i = lf + 1;
    }
  }

  /**
   * Where the next `"` / CR at or after `i` is in the text being pushed (its length if none):
   * each is searched once per push, not once per line.
   */
  private next(s: string, i: number, what: 'quote' | 'cr'): number {
    const found = this.found;
    if (found[what] < i) {
      const at = s.indexOf(what === 'quote' ? '"' : '\r', i);
      found[what] = at < 0 ? s.length : at;
    }
    return found[what];
  }
  private readonly found = { quote: -1, cr: -1 };

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
    this.found.quote = -1;
    this.found.cr = -1;
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (s.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      if (
        this.lineSink &&
        !this.inQuotes &&
        !this.fieldStarted &&
        this.fields.length === 0 &&
        this.field === ''
      ) {
        const next = this.plainLines(s, i);
        // Not taken: this line goes field by field, and the next is offered again after it.
        if (next !== i) {
          i = next;
          continue;
        }
      }
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
