import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import type { CiProblem } from './errors';

/** A workflow file bigger than this is refused before parsing (real ones are a few KB). */
const MAX_WORKFLOW_BYTES = 256 * 1024;
/** Aliases resolved per file: enough for real reuse, far too few for a billion-laughs bomb. */
const MAX_ALIAS_COUNT = 200;

/** A workflow's YAML with the position of every node, so problems point at `line:column`. */
export interface WorkflowSource {
  value: unknown;
  problems: CiProblem[];
  /** 1-based line and column of the value at `path`, or of its closest existing parent. */
  at(path: readonly PropertyKey[]): { line: number; column: number };
  /** Position of the key `key` in the mapping at `path` (falls back to the mapping). */
  keyAt(path: readonly PropertyKey[], key: string): { line: number; column: number };
}

export function parseWorkflowSource(text: string, file: string): WorkflowSource {
  const counter = new LineCounter();
  const problem = (code: CiProblem['code'], message: string, line = 1, column = 1) => ({
    file,
    line,
    column,
    code,
    message,
  });
  if (text.length > MAX_WORKFLOW_BYTES)
    return empty([
      problem(
        'bad-yaml',
        `The workflow is ${text.length} characters; the limit is ${MAX_WORKFLOW_BYTES}. Split it into several workflow files.`,
      ),
    ]);
  const doc: Document = parseDocument(text, {
    lineCounter: counter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const pos = (offset: number) => {
    const p = counter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const syntax = doc.errors.map((e) => {
    const p = pos(e.pos[0]);
    const first = e.message.split('\n')[0] ?? e.message;
    return problem('bad-yaml', `Not valid YAML: ${first}`, p.line, p.column);
  });
  if (syntax.length) return empty(syntax);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws a ReferenceError when aliases expand beyond the count: an alias bomb.
    return empty([
      problem(
        'yaml-bomb',
        `The workflow's anchors and aliases (&name / *name) expand to more than ${MAX_ALIAS_COUNT} copies (${(error as Error).message}). Write the values out, or reuse fewer aliases.`,
      ),
    ]);
  }
  const nodeAt = (path: readonly PropertyKey[]) =>
    path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  const rangeOf = (node: unknown) =>
    node && typeof node === 'object' && 'range' in node
      ? (node as { range?: [number, number, number] }).range
      : undefined;
  const keyAt = (path: readonly PropertyKey[], key: string) => {
    const map = nodeAt(path);
    if (isMap(map)) {
      const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return pos(range[0]);
    }
    const range = rangeOf(map);
    return range ? pos(range[0]) : { line: 1, column: 1 };
  };
  return {
    value,
    problems: [],
    at(path) {
      for (let n = path.length; n >= 0; n--) {
        const range = rangeOf(nodeAt(path.slice(0, n)));
        if (range) return pos(range[0]);
        if (n > 0 && n === path.length) {
          const k = keyAt(path.slice(0, n - 1), String(path[n - 1]));
          if (k.line > 1 || n === 1) return k;
        }
      }
      return { line: 1, column: 1 };
    },
    keyAt,
  };
}

function empty(problems: CiProblem[]): WorkflowSource {
  const start = () => ({ line: 1, column: 1 });
  return { value: undefined, problems, at: start, keyAt: start };
}
