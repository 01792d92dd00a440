import type { z } from 'zod';
import type { ValidationIssue } from '../errors';
import { MAX_ISSUES } from '../scoring';

type Issue = z.core.$ZodIssue & { input?: unknown };

const PYDANTIC_TYPES: Record<string, string> = {
  number: 'float_type',
  int: 'int_type',
  string: 'string_type',
  boolean: 'bool_type',
  object: 'model_attributes_type',
  array: 'list_type',
  date: 'datetime_type',
};

/** A bound as pydantic says it: `greater_than` for `.positive()`, `less_than` for `.lt(1)`. */
function bound(
  issue: Issue & { inclusive?: boolean },
  big: boolean,
): { type: string; msg: string } {
  const limit = big
    ? (issue as { maximum?: unknown }).maximum
    : (issue as { minimum?: unknown }).minimum;
  const origin = (issue as { origin?: string }).origin;
  if (origin === 'string' || origin === 'array') {
    const what = origin === 'string' ? 'characters' : 'items';
    return big
      ? {
          type: origin === 'string' ? 'string_too_long' : 'too_long',
          msg: `${origin === 'string' ? 'String' : 'List'} should have at most ${String(limit)} ${what}`,
        }
      : {
          type: origin === 'string' ? 'string_too_short' : 'too_short',
          msg: `${origin === 'string' ? 'String' : 'List'} should have at least ${String(limit)} ${what}`,
        };
  }
  const eq = issue.inclusive ? '_equal' : '';
  const words = `${big ? 'less' : 'greater'} than${issue.inclusive ? ' or equal to' : ''}`;
  return {
    type: `${big ? 'less' : 'greater'}_than${eq}`,
    msg: `Input should be ${words} ${String(limit)}`,
  };
}

const orList = (values: readonly unknown[]) =>
  values
    .map((v) => JSON.stringify(v))
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1');

function translate(issue: Issue): { type: string; msg: string } {
  // A required field left out: zod says "expected number" (or "one of"), pydantic "Field required".
  if (
    issue.input === undefined &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_value')
  )
    return { type: 'missing', msg: 'Field required' };
  switch (issue.code) {
    case 'invalid_type':
      return {
        type: PYDANTIC_TYPES[issue.expected] ?? `${issue.expected}_type`,
        msg: `Input should be a valid ${issue.expected === 'int' ? 'integer' : issue.expected}`,
      };
    case 'too_small':
      return bound(issue, false);
    case 'too_big':
      return bound(issue, true);
    case 'invalid_value':
      return {
        type: issue.values.length > 1 ? 'enum' : 'literal_error',
        msg: `Input should be ${orList(issue.values)}`,
      };
    case 'invalid_union': {
      // z.union([z.literal(1), z.literal(2)]) is pydantic's Literal[1, 2]: one literal_error.
      const branches = issue.errors.map((e) => (e.length === 1 ? e[0] : undefined));
      if (branches.every((b) => b?.code === 'invalid_value' && b.path.length === 0)) {
        const values = branches.flatMap((b) => (b as { values: unknown[] }).values);
        return { type: 'literal_error', msg: `Input should be ${orList(values)}` };
      }
      return {
        type: 'union_invalid',
        msg: `Input should match one of the ${branches.length} allowed forms`,
      };
    }
    case 'invalid_format':
      return { type: 'string_pattern_mismatch', msg: issue.message };
    case 'not_multiple_of':
      return { type: 'multiple_of', msg: `Input should be a multiple of ${String(issue.divisor)}` };
    default:
      return { type: issue.code, msg: issue.message };
  }
}

/**
 * zod's issues in FastAPI's 422 words (`loc`, `msg`, `type`, `input`), located under `where`
 * (`body` or `query`): the same shape the built-in routes answer (http.ts `fail`), so a client
 * reads both alike. An unknown key is one issue per key (`extra_forbidden`), as pydantic does.
 */
export function zodIssues(issues: readonly Issue[], where: 'body' | 'query'): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    if (out.length >= MAX_ISSUES) break;
    const loc = [where, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys.slice(0, MAX_ISSUES - out.length))
        out.push({
          loc: [...loc, key],
          type: 'extra_forbidden',
          msg: 'Extra inputs are not permitted',
        });
      continue;
    }
    const { type, msg } = translate(issue);
    out.push({ loc, type, msg, ...(issue.input === undefined ? {} : { input: issue.input }) });
  }
  return out;
}
