import { Growable } from '../columnar/growable';
import { CsvImportError } from './errors';
import { type Column, type ColumnType, MISSING_CODE } from '../columnar/types';
import {
  isMissingToken,
  parseBoolean,
  parseDatetime,
  parseFloatStrict,
  parseInteger,
} from './values';

/** Dictionaries beyond this size are turned into plain string columns. */
const MAX_CATEGORIES = 65_536;

const PARSERS: Partial<Record<ColumnType, (s: string) => number | null>> = {
  integer: parseInteger,
  float: parseFloatStrict,
  boolean: parseBoolean,
  datetime: parseDatetime,
};

/** Parses `s` for a typed column: a number, `NaN` for missing, `null` when it does not fit. */
export function parseFor(type: ColumnType, s: string): number | null {
  const parse = PARSERS[type];
  if (!parse) return 0;
  return isMissingToken(s) ? NaN : parse(s);
}

/** Appends values of one column into growable typed storage; can promote its type. */
export class ColumnBuilder {
  private nums = new Growable(Float64Array);
  private valid = new Growable(Uint8Array);
  private codes = new Growable(Uint32Array);
  private dict = new Map<string, number>();
  private strings: (string | null)[] = [];

  constructor(
    readonly name: string,
    public type: ColumnType,
  ) {}

  /** Appends a value already checked with `parseFor(this.type, s)` (`parsed`). */
  push(s: string, parsed: number): void {
    switch (this.type) {
      case 'string':
        this.strings.push(s === '' ? null : s);
        return;
      case 'category': {
        if (s === '') return this.codes.push(MISSING_CODE);
        let code = this.dict.get(s);
        if (code === undefined) {
          code = this.dict.size;
          this.dict.set(s, code);
        }
        this.codes.push(code);
        if (this.dict.size > MAX_CATEGORIES) this.promote('string');
        return;
      }
      case 'boolean':
        this.nums.push(Number.isNaN(parsed) ? 0 : parsed);
        this.valid.push(Number.isNaN(parsed) ? 0 : 1);
        return;
      default:
        this.nums.push(parsed);
    }
  }

  /** The type a value that failed to parse promotes this column to. */
  widerType(s: string): ColumnType {
    return this.type === 'integer' && parseFloatStrict(s) !== null ? 'float' : 'string';
  }

  private text(i: number): string | null {
    switch (this.type) {
      case 'boolean':
        return this.valid.get(i) ? String(this.nums.get(i) === 1) : null;
      case 'datetime': {
        const v = this.nums.get(i);
        return Number.isNaN(v) ? null : new Date(v).toISOString();
      }
      default: {
        const v = this.nums.get(i);
        return Number.isNaN(v) ? null : String(v);
      }
    }
  }

  /** Changes the type, converting the values so far (integer → float keeps the numbers). */
  promote(to: ColumnType): void {
    if (to === this.type) return;
    if (this.type === 'integer' && to === 'float') {
      this.type = to;
      return;
    }
    if (to !== 'string')
      throw new CsvImportError('cannot-promote', `Cannot promote ${this.type} to ${to}.`);
    const n = this.type === 'category' ? this.codes.length : this.nums.length;
    const dictKeys = this.type === 'category' ? [...this.dict.keys()] : [];
    const strings: (string | null)[] = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      strings[i] = this.type === 'category' ? (dictKeys[this.codes.get(i)] ?? null) : this.text(i);
    }
    this.strings = strings;
    this.nums = new Growable(Float64Array);
    this.valid = new Growable(Uint8Array);
    this.codes = new Growable(Uint32Array);
    this.dict.clear();
    this.type = 'string';
  }

  finish(): Column {
    const { name, type } = this;
    switch (type) {
      case 'string':
        return { name, type, values: this.strings };
      case 'category':
        return { name, type, codes: this.codes.finish(), dictionary: [...this.dict.keys()] };
      case 'boolean':
        return {
          name,
          type,
          values: Uint8Array.from(this.nums.finish()),
          valid: this.valid.finish(),
        };
      default:
        return { name, type, values: this.nums.finish() };
    }
  }
}
