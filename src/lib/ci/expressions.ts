import { CiError } from './errors';
import { mentionsStatus, parseCondition, parseTemplate, type Expr } from './expression-parse';

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** What an expression can read: plain data only, looked up by own keys. */
export interface ExpressionContext {
  contexts: Record<string, Value>;
  /** The job's status so far, for success() / failure() / cancelled(). */
  status: { failed: boolean; cancelled: boolean };
}

const MAX_JSON_CHARS = 64 * 1024;
const isRecord = (v: unknown): v is Record<string, Value> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `object[key]` the way GitHub does (a missing property is null), but only own properties
 * of plain data: `constructor`, `__proto__` and friends are never reachable, so an expression
 * cannot climb to a function, let alone call one.
 */
function member(object: Value, key: Value): Value {
  if (Array.isArray(object)) {
    const index = typeof key === 'number' ? key : Number(key);
    return Number.isInteger(index) && index >= 0 && index < object.length ? object[index]! : null;
  }
  if (!isRecord(object) || key === null || typeof key === 'object') return null;
  const name = String(key);
  const found = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return found === undefined ? null : object[found]!;
}

function truthy(v: Value): boolean {
  return !(v === false || v === 0 || v === '' || v === null || Number.isNaN(v));
}

const toNumber = (v: Value): number =>
  v === null
    ? 0
    : typeof v === 'boolean'
      ? Number(v)
      : typeof v === 'number'
        ? v
        : typeof v === 'string'
          ? v.trim() === ''
            ? 0
            : Number(v)
          : NaN;

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'object' || typeof b === 'object') return a === b;
  return toNumber(a) === toNumber(b);
}

/** Turns a value into the text a template shows (objects as JSON, null as ''). */
function toText(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

type Fn = (args: Value[], ctx: ExpressionContext) => Value;
const text = (v: Value) => toText(v).toLowerCase();
const FUNCTIONS: Record<string, Fn> = {
  success: (_, c) => !c.status.failed && !c.status.cancelled,
  failure: (_, c) => c.status.failed,
  always: () => true,
  cancelled: (_, c) => c.status.cancelled,
  contains: ([hay = null, needle = null]) =>
    Array.isArray(hay) ? hay.some((v) => equal(v, needle)) : text(hay).includes(text(needle)),
  startsWith: ([a = null, b = null]) => text(a).startsWith(text(b)),
  endsWith: ([a = null, b = null]) => text(a).endsWith(text(b)),
  format: ([template = null, ...args]) =>
    toText(template).replace(/\{(\d+)\}/g, (_, n: string) => toText(args[Number(n)] ?? null)),
  join: ([list = null, sep = ',']) =>
    Array.isArray(list) ? list.map(toText).join(toText(sep)) : toText(list),
  toJSON: ([v = null]) => JSON.stringify(v, null, 2),
  fromJSON: ([v = null]) => {
    const source = toText(v);
    if (source.length > MAX_JSON_CHARS)
      throw new CiError(
        'bad-expression',
        `fromJSON() was given ${source.length} characters; the limit is ${MAX_JSON_CHARS}.`,
      );
    try {
      return JSON.parse(source) as Value;
    } catch (error) {
      throw new CiError(
        'bad-expression',
        `fromJSON() could not read ${JSON.stringify(source.slice(0, 60))}: ${(error as Error).message}.`,
      );
    }
  },
};
const FUNCTION_NAMES = Object.keys(FUNCTIONS);

export function evaluate(expr: Expr, ctx: ExpressionContext): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'name':
      return Object.hasOwn(ctx.contexts, expr.name)
        ? ctx.contexts[expr.name]!
        : unknownName(expr.name, ctx);
    case 'member':
      return member(evaluate(expr.object, ctx), evaluate(expr.key, ctx));
    case 'not':
      return !truthy(evaluate(expr.operand, ctx));
    case 'call': {
      const fn = Object.hasOwn(FUNCTIONS, expr.name) ? FUNCTIONS[expr.name] : undefined;
      if (!fn)
        throw new CiError(
          'bad-expression',
          `Unknown function ${expr.name}(). The functions are: ${FUNCTION_NAMES.join(', ')}.`,
        );
      return fn(
        expr.args.map((a) => evaluate(a, ctx)),
        ctx,
      );
    }
    case 'binary': {
      const left = evaluate(expr.left, ctx);
      if (expr.op === '&&') return truthy(left) ? evaluate(expr.right, ctx) : left;
      if (expr.op === '||') return truthy(left) ? left : evaluate(expr.right, ctx);
      const right = evaluate(expr.right, ctx);
      if (expr.op === '==') return equal(left, right);
      if (expr.op === '!=') return !equal(left, right);
      const [a, b] =
        typeof left === 'string' && typeof right === 'string'
          ? [left, right]
          : [toNumber(left), toNumber(right)];
      return expr.op === '<' ? a < b : expr.op === '<=' ? a <= b : expr.op === '>' ? a > b : a >= b;
    }
  }
}

function unknownName(name: string, ctx: ExpressionContext): never {
  throw new CiError(
    'bad-expression',
    `Unknown name "${name}" in an expression. Names start from a context: ${Object.keys(ctx.contexts).join(', ')}.`,
  );
}

/** Fills every `${{ }}` of a string; a string with none comes back as it is. */
export function interpolate(template: string, ctx: ExpressionContext): string {
  if (!template.includes('${{')) return template;
  return parseTemplate(template)
    .map((part) => (typeof part === 'string' ? part : toText(evaluate(part, ctx))))
    .join('');
}

/** An `if:` decides: without a status function it means `success() && (condition)`. */
export function conditionHolds(
  condition: string | boolean | undefined,
  ctx: ExpressionContext,
): boolean {
  if (condition === undefined) return FUNCTIONS.success!([], ctx) as boolean;
  const expr = parseCondition(condition);
  if (!mentionsStatus(expr) && !(FUNCTIONS.success!([], ctx) as boolean)) return false;
  return truthy(evaluate(expr, ctx));
}
