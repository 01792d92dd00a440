import { CiError } from './errors';

/**
 * The `${{ }}` expression language of GitHub Actions, parsed into a small tree. Nothing is ever
 * handed to `eval` or `Function`: the evaluator (expressions.ts) walks this tree over plain data.
 */
export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'name'; name: string }
  | { kind: 'member'; object: Expr; key: Expr }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'not'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr };
export type BinaryOp = '&&' | '||' | '==' | '!=' | '<' | '<=' | '>' | '>=';

const MAX_EXPRESSION_CHARS = 1000;
const MAX_DEPTH = 40;
const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|('(?:[^']|'')*')|([A-Za-z_][\w-]*)|(&&|\|\||==|!=|<=|>=|[<>!().[\],*]))/y;

type Token = { kind: 'num' | 'str' | 'id' | 'op'; text: string; at: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < source.length) {
    if (/^\s*$/.test(source.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(source);
    if (!m) {
      const rest = source.slice(at);
      const start = at + rest.length - rest.trimStart().length;
      throw bad(source, start, `"${source[start]}" is not part of the expression language`);
    }
    const kind = m[1] ? 'num' : m[2] ? 'str' : m[3] ? 'id' : 'op';
    tokens.push({
      kind,
      text: (m[1] ?? m[2] ?? m[3] ?? m[4])!,
      at: m.index + m[0].length - (m[1] ?? m[2] ?? m[3] ?? m[4])!.length,
    });
    at = TOKEN.lastIndex;
  }
  return tokens;
}

function bad(source: string, at: number, why: string) {
  return new CiError(
    'bad-expression',
    `In \${{ ${source.trim()} }} at character ${at + 1}: ${why}. Expressions use names (github.ref, needs.build.outputs.x, matrix.alpha, env.X, inputs.x), 'strings', numbers, == != < > && || ! and the functions success(), failure(), always(), cancelled(), contains(), startsWith(), endsWith(), format(), join(), toJSON(), fromJSON().`,
  );
}

/** Parses one expression (the text between `${{` and `}}`). */
export function parseExpression(source: string): Expr {
  if (source.length > MAX_EXPRESSION_CHARS)
    throw bad(
      source.slice(0, 40) + '…',
      0,
      `the expression is ${source.length} characters; the limit is ${MAX_EXPRESSION_CHARS}`,
    );
  const tokens = tokenize(source);
  let i = 0;
  let depth = 0;
  const peek = () => tokens[i];
  const take = (text?: string) => {
    const t = tokens[i];
    if (!t || (text !== undefined && t.text !== text))
      throw bad(
        source,
        t?.at ?? source.length,
        text ? `expected "${text}"` : 'the expression ends too early',
      );
    i++;
    return t;
  };
  const nested = <T>(work: () => T): T => {
    if (++depth > MAX_DEPTH)
      throw bad(source, peek()?.at ?? 0, `more than ${MAX_DEPTH} levels of nesting`);
    const result = work();
    depth--;
    return result;
  };
  const binary = (ops: BinaryOp[], next: () => Expr) => (): Expr => {
    let left = next();
    while (peek() && (ops as string[]).includes(peek()!.text)) {
      const op = take().text as BinaryOp;
      left = { kind: 'binary', op, left, right: next() };
    }
    return left;
  };
  const or = (): Expr => binary(['||'], and)();
  const and = (): Expr => binary(['&&'], compare)();
  const compare = binary(['==', '!=', '<', '<=', '>', '>='], () => unary());
  function unary(): Expr {
    if (peek()?.text === '!') {
      take();
      return nested(() => ({ kind: 'not', operand: unary() }));
    }
    return postfix(primary());
  }
  function primary(): Expr {
    const t = take();
    if (t.kind === 'num') return { kind: 'literal', value: Number(t.text) };
    if (t.kind === 'str')
      return { kind: 'literal', value: t.text.slice(1, -1).replaceAll("''", "'") };
    if (t.text === '(') {
      const inner = nested(or);
      take(')');
      return inner;
    }
    if (t.kind !== 'id') throw bad(source, t.at, `unexpected "${t.text}"`);
    if (t.text === 'true' || t.text === 'false')
      return { kind: 'literal', value: t.text === 'true' };
    if (t.text === 'null') return { kind: 'literal', value: null };
    if (peek()?.text === '(') {
      take('(');
      const args: Expr[] = [];
      while (peek()?.text !== ')') {
        args.push(nested(or));
        if (peek()?.text !== ')') take(',');
      }
      take(')');
      return { kind: 'call', name: t.text, args };
    }
    return { kind: 'name', name: t.text };
  }
  function postfix(expr: Expr): Expr {
    for (;;) {
      if (peek()?.text === '.') {
        take();
        const key = take();
        if (key.kind !== 'id' && key.text !== '*')
          throw bad(source, key.at, 'a property name follows "."');
        expr = { kind: 'member', object: expr, key: { kind: 'literal', value: key.text } };
      } else if (peek()?.text === '[') {
        take();
        const key = nested(or);
        take(']');
        expr = { kind: 'member', object: expr, key };
      } else return expr;
    }
  }
  const tree = or();
  if (i < tokens.length) throw bad(source, tokens[i]!.at, `unexpected "${tokens[i]!.text}"`);
  return tree;
}

/** Splits `text ${{ a }} more` into literal parts and expressions; throws on an unclosed `${{`. */
export function parseTemplate(text: string): (string | Expr)[] {
  const parts: (string | Expr)[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('${{');
    if (open < 0) break;
    const close = rest.indexOf('}}', open + 3);
    if (close < 0)
      throw new CiError(
        'bad-expression',
        `"${text.slice(0, 80)}" opens \${{ without a closing }}. Close it, or remove the \${{.`,
      );
    if (open > 0) parts.push(rest.slice(0, open));
    parts.push(parseExpression(rest.slice(open + 3, close)));
    rest = rest.slice(close + 2);
  }
  if (rest) parts.push(rest);
  return parts;
}

/** An `if:` condition: `${{ x }}` or bare `x`, either way one expression. */
export function parseCondition(condition: string | boolean): Expr {
  if (typeof condition === 'boolean') return { kind: 'literal', value: condition };
  const trimmed = condition.trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(trimmed);
  return parseExpression(wrapped ? wrapped[1]! : trimmed);
}

/** Whether a condition names a status function; if not, GitHub prefixes `success() &&`. */
export function mentionsStatus(expr: Expr): boolean {
  switch (expr.kind) {
    case 'call':
      return (
        ['success', 'failure', 'always', 'cancelled'].includes(expr.name) ||
        expr.args.some(mentionsStatus)
      );
    case 'not':
      return mentionsStatus(expr.operand);
    case 'binary':
      return mentionsStatus(expr.left) || mentionsStatus(expr.right);
    case 'member':
      return mentionsStatus(expr.object) || mentionsStatus(expr.key);
    default:
      return false;
  }
}
