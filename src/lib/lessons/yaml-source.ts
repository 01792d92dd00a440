import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';

/** A YAML text parsed with positions, so errors can name the line of a key or value. */
export interface YamlSource {
  value: unknown;
  /** Syntax errors, each with its 1-based line (relative to the YAML text). */
  errors: { line: number; column: number; message: string }[];
  /** 1-based line of the value at `path` (or of its closest existing parent); 0 if none. */
  lineOf(path: readonly PropertyKey[]): number;
  /** 1-based line of the key `key` in the mapping at `path`; 0 if absent. */
  keyLine(path: readonly PropertyKey[], key: string): number;
}

export function parseYamlSource(text: string): YamlSource {
  const counter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const pos = (offset: number) => counter.linePos(offset);
  const errors = doc.errors.map((e) => ({
    ...pos(e.pos[0]),
    message: e.message.split('\n')[0] ?? e.message,
  }));
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS();
    } catch (error) {
      // The yaml library throws on an alias bomb ("Excessive alias count…"): an error, not a crash.
      const why = (error as Error).message;
      errors.push({
        line: 1,
        col: 1,
        message: `${why}. Write the values out instead of YAML anchors (&) and aliases (*)`,
      });
    }
  }
  const nodeAt = (path: readonly PropertyKey[]) =>
    path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  return {
    value,
    errors: errors.map((e) => ({ line: e.line, column: e.col, message: e.message })),
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = nodeAt(path.slice(0, n)) as { range?: [number, number, number] } | undefined;
        if (node && typeof node === 'object' && node.range) return pos(node.range[0]).line;
        if (n < path.length) {
          const line = this.keyLine(path.slice(0, n), String(path[n]));
          if (line) return line;
        }
      }
      return 0;
    },
    keyLine(path, key) {
      const map = nodeAt(path);
      if (!isMap(map)) return 0;
      const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      return range ? pos(range[0]).line : 0;
    },
  };
}
