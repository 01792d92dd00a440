import { parse } from 'acorn';
import { simple } from 'acorn-walk';
import MagicString from 'magic-string';
import type { AnyNode } from '../../kernel/transform';
import type { FileCoverage } from './types';

/** The counter table instrumented modules write to, passed to them as a loader global. */
export const COVERAGE_GLOBAL = '__lb_cov';

// Statements that do nothing when reached (declarations are hoisted, imports resolved first).
const NOT_COUNTED = new Set([
  'FunctionDeclaration',
  'ImportDeclaration',
  'ExportAllDeclaration',
  'EmptyStatement',
]);

function counted(node: AnyNode): boolean {
  if (NOT_COUNTED.has(node.type)) return false;
  if (node.type === 'ExportNamedDeclaration')
    return !!node.declaration && (node.declaration as AnyNode).type !== 'FunctionDeclaration';
  if (node.type === 'ExportDefaultDeclaration')
    return (node.declaration as AnyNode).type !== 'FunctionDeclaration';
  return true;
}

/**
 * Line coverage by instrumenting with acorn, which the kernel already ships: every statement
 * that does something when reached, and every expression body of an arrow function, counts its
 * line. istanbul-lib-instrument would need @babel/core in the worker bundle; what this measures
 * is documented in docs/testing.md. Counters go on the statement's own line, so line numbers do
 * not move (columns on an instrumented line do, by the counter's length).
 */
export function createCoverage() {
  const files: string[] = [];
  const lines: Set<number>[] = [];
  const hits: Record<number, number>[] = [];

  function instrument(path: string, source: string): string {
    let program: AnyNode;
    try {
      program = parse(source, {
        ecmaVersion: 'latest',
        sourceType: 'module',
        locations: true,
      }) as unknown as AnyNode;
    } catch {
      return source; // the loader reports the syntax error, with its location
    }
    let index = files.indexOf(path);
    if (index < 0) {
      index = files.push(path) - 1;
      lines.push(new Set());
      hits.push({});
    }
    const known = lines[index]!;
    const s = new MagicString(source);
    const counter = (node: AnyNode) => {
      const line = node.loc!.start.line;
      known.add(line);
      return `${COVERAGE_GLOBAL}[${index}][${line}]=(${COVERAGE_GLOBAL}[${index}][${line}]|0)+1;`;
    };
    const inList = (list: AnyNode[]) => {
      for (const node of list) if (counted(node)) s.appendLeft(node.start, counter(node));
    };
    const inBody = (node: AnyNode | null | undefined) => {
      if (!node || node.type === 'BlockStatement' || !counted(node)) return;
      s.appendLeft(node.start, `{${counter(node)}`);
      s.appendRight(node.end, '}');
    };
    const loop = (n: AnyNode) => inBody(n.body as AnyNode);
    simple(
      program as never,
      {
        Program: (n: AnyNode) => inList(n.body as AnyNode[]),
        BlockStatement: (n: AnyNode) => inList(n.body as AnyNode[]),
        StaticBlock: (n: AnyNode) => inList(n.body as AnyNode[]),
        SwitchCase: (n: AnyNode) => inList(n.consequent as AnyNode[]),
        IfStatement: (n: AnyNode) => {
          inBody(n.consequent as AnyNode);
          inBody(n.alternate as AnyNode | null);
        },
        ForStatement: loop,
        ForInStatement: loop,
        ForOfStatement: loop,
        WhileStatement: loop,
        DoWhileStatement: loop,
        ArrowFunctionExpression: (n: AnyNode) => {
          if (!n.expression) return;
          const body = n.body as AnyNode;
          s.appendLeft(body.start, `(${counter(body).slice(0, -1)},`);
          s.appendRight(body.end, ')');
        },
      } as never,
    );
    return s.toString();
  }

  return {
    instrument,
    /** The counters, to pass as the loader global named COVERAGE_GLOBAL. */
    counters: hits,
    /** Per file, sorted by path; `alsoFiles` adds modules no test imported (nothing of them ran). */
    report(alsoFiles: Iterable<[string, string]> = []): FileCoverage[] {
      for (const [path, source] of alsoFiles) if (!files.includes(path)) instrument(path, source);
      return files
        .map((file, i) => {
          const all = [...lines[i]!].sort((a, b) => a - b);
          const uncovered = all.filter((line) => !hits[i]![line]);
          return { file, covered: all.length - uncovered.length, total: all.length, uncovered };
        })
        .sort((a, b) => (a.file < b.file ? -1 : 1));
    },
  };
}
