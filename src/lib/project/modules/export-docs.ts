import type { Comment } from 'acorn';
import type { AnyNode } from '../../kernel/transform';
import { parseModule } from './transform-module';

/** One exported function of a module and its doc comment, as Python's help() shows a docstring. */
export interface ExportDoc {
  name: string;
  /** Parameter names as written; a destructured or rest parameter is shown as written too. */
  params: string[];
  /** The text of the `/** … *\/` comment right above the export, or null when there is none. */
  doc: string | null;
  /** The parameter names the doc's `@param` tags name. */
  documented: string[];
  line: number;
}

type Node = AnyNode & Record<string, unknown>;

/**
 * The exported functions of a module's source (`export function f`, `export const f = () =>`,
 * `export default function`) with the JSDoc block written directly above each — only blank space
 * between them, as JSDoc tools require. Reading the source, not running it: nothing executes.
 */
export function exportDocs(source: string, file: string): ExportDoc[] {
  const comments: Comment[] = [];
  const program = parseModule(source, file, comments) as Node;
  const docs: ExportDoc[] = [];
  for (const statement of program.body as Node[]) {
    const isNamed = statement.type === 'ExportNamedDeclaration';
    if (!isNamed && statement.type !== 'ExportDefaultDeclaration') continue;
    const declaration = statement.declaration as Node | null;
    if (!declaration) continue;
    const doc = docAbove(source, comments, statement.start as number);
    const line = (statement.loc as { start: { line: number } }).start.line;
    for (const fn of functionsOf(declaration, isNamed))
      docs.push({ ...fn, doc, documented: doc ? paramTags(doc) : [], line });
  }
  return docs;
}

function functionsOf(declaration: Node, isNamed: boolean): { name: string; params: string[] }[] {
  const isFunction = (n: Node | null | undefined) =>
    !!n && /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(n.type);
  const params = (fn: Node) => (fn.params as Node[]).map(paramName);
  if (isFunction(declaration))
    return [
      {
        name: isNamed ? ((declaration.id as Node).name as string) : 'default',
        params: params(declaration),
      },
    ];
  if (declaration.type !== 'VariableDeclaration') return [];
  return (declaration.declarations as Node[])
    .filter((d) => (d.id as Node).type === 'Identifier' && isFunction(d.init as Node))
    .map((d) => ({ name: (d.id as Node).name as string, params: params(d.init as Node) }));
}

function paramName(param: Node): string {
  if (param.type === 'Identifier') return param.name as string;
  if (param.type === 'AssignmentPattern') return paramName(param.left as Node);
  if (param.type === 'RestParameter' || param.type === 'RestElement')
    return `...${paramName(param.argument as Node)}`;
  return param.type === 'ObjectPattern' ? '{…}' : '[…]';
}

/** The block comment starting with `/**` that ends right before `start`, with only space between. */
function docAbove(source: string, comments: Comment[], start: number): string | null {
  const before = comments.filter((c) => c.end <= start).at(-1);
  if (!before || before.type !== 'Block' || !before.value.startsWith('*')) return null;
  if (source.slice(before.end, start).trim() !== '') return null;
  return before.value
    .slice(1)
    .split('\n')
    .map((line) => line.replace(/^\s*\*?\s?/, ''))
    .join('\n')
    .trim();
}

/** `@param {number} lat1 Latitude…` → lat1; `@param [alpha=1]` → alpha; types may nest braces. */
function paramTags(doc: string): string[] {
  const names: string[] = [];
  for (const tag of doc.matchAll(/@param\b/g)) {
    let at = tag.index + tag[0].length;
    while (/\s/.test(doc[at] ?? '')) at++;
    if (doc[at] === '{')
      for (let depth = 0; at < doc.length; at++) {
        if (doc[at] === '{') depth++;
        else if (doc[at] === '}' && --depth === 0) {
          at++;
          break;
        }
      }
    const name = /^\s*\[?([\w$.]+)/.exec(doc.slice(at));
    if (name) names.push(name[1]!);
  }
  return names;
}
