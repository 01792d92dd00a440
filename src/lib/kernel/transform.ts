import { parse, type Node } from 'acorn';
import { simple } from 'acorn-walk';
import MagicString from 'magic-string';
import { LabbookError } from '../errors';
import { memberUses } from './member-uses';

/** A cell rewritten to run in the shared scope; line numbers are preserved. */
export interface TransformedCell {
  code: string;
  /** Names the cell declares at top level; they live in the shared scope. */
  declared: string[];
  /** Hoisted function declarations, copied into the scope before the cell body runs. */
  functions: string[];
  /** Module specifiers the cell imports. */
  imports: string[];
  /** Free identifiers, to load heavy libraries (TensorFlow.js) only when a cell uses them. */
  identifiers: Set<string>;
  /** The `lab` namespaces the cell reads (see ./member-uses.ts), loaded before it runs. */
  labMembers: Set<string> | 'all';
}

export class CellSyntaxError extends LabbookError<'syntax-error'> {
  override name = 'SyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super('syntax-error', message);
  }
}

export type AnyNode = Node & Record<string, unknown>;

/** The names a binding pattern (`{ a, b: [c] }`) declares, appended to `out`. */
export function patternNames(node: AnyNode, out: string[]): void {
  switch (node.type) {
    case 'Identifier':
      out.push(node.name as string);
      break;
    case 'ObjectPattern':
      for (const p of node.properties as AnyNode[])
        patternNames((p.type === 'RestElement' ? p.argument : p.value) as AnyNode, out);
      break;
    case 'ArrayPattern':
      for (const e of node.elements as (AnyNode | null)[]) if (e) patternNames(e, out);
      break;
    case 'RestElement':
      patternNames(node.argument as AnyNode, out);
      break;
    case 'AssignmentPattern':
      patternNames(node.left as AnyNode, out);
      break;
  }
}

/**
 * Rewrites top-level declarations into assignments (so later cells see them and re-running a
 * cell never says "already declared"), imports into loads from the bundled-module registry, and
 * the last expression into the cell's return value.
 */
export function transformCell(source: string): TransformedCell {
  let program: AnyNode;
  try {
    program = parse(source, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      locations: true,
      allowReturnOutsideFunction: true,
    }) as unknown as AnyNode;
  } catch (error) {
    const e = error as SyntaxError & { loc?: { line: number; column: number } };
    throw new CellSyntaxError(
      e.message.replace(/ \(\d+:\d+\)$/, ''),
      e.loc?.line ?? 1,
      (e.loc?.column ?? 0) + 1,
    );
  }
  const s = new MagicString(source);
  // `import(x)` has no module to resolve against in a cell: it becomes `__import(x)`, the same
  // loader static imports use (bundled libraries and `project:` files).
  const dynamicImports: number[] = [];
  simple(
    program as never,
    { ImportExpression: (n: AnyNode) => void dynamicImports.push(n.start) } as never,
  );
  const overwritten: [number, number][] = [];
  const text = (n: AnyNode) => {
    let out = source.slice(n.start, n.end);
    for (const at of [...dynamicImports].reverse())
      if (at >= n.start && at < n.end)
        out = out.slice(0, at - n.start) + '__import' + out.slice(at - n.start + 'import'.length);
    return out;
  };
  const replace = (n: AnyNode, code: string) => {
    overwritten.push([n.start, n.end]);
    s.overwrite(n.start, n.end, code);
  };
  const declared: string[] = [];
  const functions: string[] = [];
  const imports: string[] = [];
  const body = program.body as AnyNode[];

  body.forEach((node, i) => {
    const last = i === body.length - 1;
    switch (node.type) {
      case 'VariableDeclaration': {
        const parts = (node.declarations as AnyNode[]).map((d) => {
          patternNames(d.id as AnyNode, declared);
          return `${text(d.id as AnyNode)} = ${d.init ? text(d.init as AnyNode) : 'undefined'}`;
        });
        replace(node, `;(${parts.join(', ')});`);
        break;
      }
      case 'FunctionDeclaration':
        functions.push((node.id as AnyNode).name as string);
        break;
      case 'ClassDeclaration': {
        const name = (node.id as AnyNode).name as string;
        declared.push(name);
        replace(node, `;${name} = ${text(node)};`);
        break;
      }
      case 'ImportDeclaration': {
        const from = (node.source as AnyNode).value as string;
        imports.push(from);
        const load = `(await __import(${JSON.stringify(from)}))`;
        const specs = node.specifiers as AnyNode[];
        const parts = specs.map((sp) => {
          const local = (sp.local as AnyNode).name as string;
          declared.push(local);
          if (sp.type === 'ImportNamespaceSpecifier') return `${local} = ${load}`;
          if (sp.type === 'ImportDefaultSpecifier') return `${local} = ${load}.default`;
          const imported = sp.imported as AnyNode;
          return `${local} = ${load}[${JSON.stringify(imported.name ?? imported.value)}]`;
        });
        replace(node, parts.length ? `;(${parts.join(', ')});` : `;${load};`);
        break;
      }
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration':
        throw new CellSyntaxError(
          'Cells cannot export. Declare the value instead; every cell of the lesson can use it.',
          node.loc!.start.line,
          node.loc!.start.column + 1,
        );
      case 'ExpressionStatement':
        if (last) replace(node, `return (${text(node.expression as AnyNode)});`);
        break;
    }
  });
  for (const at of dynamicImports)
    if (!overwritten.some(([from, to]) => at >= from && at < to))
      s.overwrite(at, at + 'import'.length, '__import');

  const identifiers = new Set<string>();
  simple(
    program as never,
    { Identifier: (n: AnyNode) => void identifiers.add(n.name as string) } as never,
  );
  return {
    code: s.toString(),
    declared,
    functions,
    imports,
    identifiers,
    labMembers: memberUses(program, 'lab'),
  };
}
