import type { Column, ColumnarTable } from '../columnar';
import { MISSING_CODE } from '../columnar/types';
import { PartitionError } from './plan';

function concatFloat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One category column from several: one dictionary in first-appearance order, codes remapped. */
function concatCategory(name: string, parts: Extract<Column, { type: 'category' }>[]): Column {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Uint32Array(parts.reduce((n, p) => n + p.codes.length, 0));
  let at = 0;
  for (const part of parts) {
    const remap = part.dictionary.map((value) => {
      let code = index.get(value);
      if (code === undefined) {
        code = dictionary.length;
        dictionary.push(value);
        index.set(value, code);
      }
      return code;
    });
    for (const c of part.codes) codes[at++] = c === MISSING_CODE ? MISSING_CODE : remap[c]!;
  }
  return { name, type: 'category', codes, dictionary };
}

/** Why partitions cannot simply be stacked; the caller then parses the file in one pass. */
export function typeMismatch(tables: ColumnarTable[]): string | null {
  const [first, ...rest] = tables;
  if (!first) return null;
  for (const t of rest)
    for (let j = 0; j < first.columns.length; j++)
      if (t.columns[j]?.type !== first.columns[j]!.type)
        return `column "${first.columns[j]!.name}" is ${first.columns[j]!.type} in one part and ${t.columns[j]?.type} in another`;
  return null;
}

/**
 * Stacks tables with the same columns and types, in order — the table a one-pass parse of the
 * whole file gives (category dictionaries are merged in first-appearance order, as one pass
 * builds them).
 */
export function concatTables(tables: ColumnarTable[], name?: string): ColumnarTable {
  const mismatch = typeMismatch(tables);
  if (mismatch) throw new PartitionError('cannot-stack', `Cannot stack the parts: ${mismatch}.`);
  const first = tables[0]!;
  const columns: Column[] = first.columns.map((c, j) => {
    const parts = tables.map((t) => t.columns[j]!);
    switch (c.type) {
      case 'category':
        return concatCategory(c.name, parts as Extract<Column, { type: 'category' }>[]);
      case 'string':
        return {
          name: c.name,
          type: 'string',
          // concat, not flatMap: 1.46 M taxi ids stack in 11 ms instead of 72–134 ms (Chromium).
          values: ([] as (string | null)[]).concat(
            ...parts.map((p) => (p as Extract<Column, { type: 'string' }>).values),
          ),
        };
      case 'boolean': {
        const bools = parts as Extract<Column, { type: 'boolean' }>[];
        return {
          name: c.name,
          type: 'boolean',
          values: concatBytes(bools.map((p) => p.values)),
          valid: concatBytes(bools.map((p) => p.valid)),
        };
      }
      default:
        return {
          name: c.name,
          type: c.type,
          values: concatFloat(
            parts.map((p) => (p as Extract<Column, { values: Float64Array }>).values),
          ),
        };
    }
  });
  return {
    ...(name === undefined ? {} : { name }),
    columns,
    rowCount: tables.reduce((n, t) => n + t.rowCount, 0),
  };
}
