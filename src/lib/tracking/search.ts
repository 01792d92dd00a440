import { own } from './record';
import type { Run } from './types';
import { LabbookError } from '../errors';

/**
 * MLflow's run search language: `metrics.rmse < 0.5 and params.lr = '0.01'`, joined by AND only
 * (as MLflow), with =, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN; `attributes.status`,
 * `run_name`, `tags.x`, backticks or quotes around keys with spaces.
 */
export class SearchSyntaxError extends LabbookError<'search-syntax'> {
  override name = 'SearchSyntaxError';
  constructor(
    readonly column: number,
    detail: string,
    filter: string,
  ) {
    super(
      'search-syntax',
      `Error at column ${column}: ${detail}\n  ${filter}\n  ${' '.repeat(column - 1)}^`,
    );
  }
}

type Entity = 'metrics' | 'params' | 'tags' | 'attributes';
type Op = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';
interface Clause {
  entity: Entity;
  key: string;
  op: Op;
  value: number | string | string[];
}

interface Token {
  kind: 'word' | 'string' | 'number' | 'op' | 'punct';
  text: string;
  value: string;
  at: number;
}

const ENTITIES: Record<string, Entity> = {
  metric: 'metrics',
  metrics: 'metrics',
  param: 'params',
  params: 'params',
  parameter: 'params',
  parameters: 'params',
  tag: 'tags',
  tags: 'tags',
  attribute: 'attributes',
  attributes: 'attributes',
  attr: 'attributes',
  run: 'attributes',
};
const ATTRIBUTES = ['run_id', 'run_name', 'status', 'start_time', 'end_time', 'experiment_id'];

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s*(?:(?<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(?<backtick>`[^`]*`)|(?<number>-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)|(?<op><=|>=|!=|<>|=|<|>)|(?<punct>[.(),])|(?<word>[A-Za-z_][\w-]*))/y;
  let at = 0;
  while (at < filter.length) {
    if (/^\s*$/.test(filter.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(filter);
    if (!m || !m.groups) {
      const col = at + (filter.slice(at).length - filter.slice(at).trimStart().length) + 1;
      throw new SearchSyntaxError(col, `unexpected character "${filter[col - 1]}"`, filter);
    }
    const start = m.index + m[0].length - m[0].trimStart().length + 1;
    const g = m.groups;
    if (g.string !== undefined)
      tokens.push({
        kind: 'string',
        text: g.string,
        value: g.string.slice(1, -1).replace(/\\(.)/g, '$1'),
        at: start,
      });
    else if (g.backtick !== undefined)
      tokens.push({ kind: 'word', text: g.backtick, value: g.backtick.slice(1, -1), at: start });
    else if (g.number !== undefined)
      tokens.push({ kind: 'number', text: g.number, value: g.number, at: start });
    else if (g.op !== undefined)
      tokens.push({ kind: 'op', text: g.op, value: g.op === '<>' ? '!=' : g.op, at: start });
    else if (g.punct !== undefined)
      tokens.push({ kind: 'punct', text: g.punct, value: g.punct, at: start });
    else tokens.push({ kind: 'word', text: g.word!, value: g.word!, at: start });
    at = re.lastIndex;
  }
  return tokens;
}

export function parseFilter(filter: string): Clause[] {
  const tokens = tokenize(filter);
  const clauses: Clause[] = [];
  let i = 0;
  const end = filter.length + 1;
  const peek = () => tokens[i];
  const fail = (detail: string, token = peek()): never => {
    throw new SearchSyntaxError(token?.at ?? end, detail, filter);
  };
  while (i < tokens.length) {
    // <entity>.<key>, or a bare attribute such as run_name / status.
    const first = tokens[i++]!;
    let entity: Entity;
    let key: string;
    if (first.kind === 'word' && peek()?.value === '.') {
      const e = ENTITIES[first.value.toLowerCase()];
      if (!e) fail(`unknown "${first.value}"; use metrics., params., tags. or attributes.`, first);
      entity = e!;
      i++;
      const k = tokens[i++];
      if (!k || (k.kind !== 'word' && k.kind !== 'string'))
        fail(`expected a key after "${first.value}."`, k);
      key = k!.value;
    } else if (first.kind === 'word' && ATTRIBUTES.includes(first.value)) {
      entity = 'attributes';
      key = first.value;
    } else fail('expected a key such as metrics.rmse, params.alpha, tags.model or run_name', first);
    if (entity! === 'attributes' && !ATTRIBUTES.includes(key!))
      fail(`unknown attribute "${key!}"; attributes are ${ATTRIBUTES.join(', ')}`, tokens[i - 1]);

    const opToken = peek();
    let op: Op;
    if (opToken?.kind === 'op') {
      op = opToken.value as Op;
      i++;
    } else if (opToken?.kind === 'word' && /^(like|ilike|in)$/i.test(opToken.value)) {
      op = opToken.value.toUpperCase() as Op;
      i++;
    } else if (
      opToken?.kind === 'word' &&
      /^not$/i.test(opToken.value) &&
      /^in$/i.test(tokens[i + 1]?.value ?? '')
    ) {
      op = 'NOT IN';
      i += 2;
    } else
      fail(
        `expected a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN) after "${entity! === 'attributes' ? key! : `${entity!}.${key!}`}"`,
        opToken,
      );

    let value: Clause['value'];
    const v = peek();
    if (op! === 'IN' || op! === 'NOT IN') {
      if (v?.value !== '(') fail('expected "(" and a list of quoted values after IN', v);
      i++;
      const list: string[] = [];
      while (peek() && peek()!.value !== ')') {
        const item = tokens[i++]!;
        if (item.kind !== 'string') fail('IN lists hold quoted strings', item);
        list.push(item.value);
        if (peek()?.value === ',') i++;
      }
      if (peek()?.value !== ')') fail('expected ")" to close the IN list');
      i++;
      value = list;
    } else if (entity! === 'metrics' || (entity! === 'attributes' && key!.endsWith('_time'))) {
      if (v?.kind !== 'number')
        fail(
          `expected a number to compare ${entity! === 'metrics' ? `metrics.${key!}` : key!} with`,
          v,
        );
      value = Number(v!.value);
      i++;
    } else {
      if (v?.kind !== 'string')
        fail(`expected a quoted string, e.g. '0.01' (params and tags are strings)`, v);
      value = v!.value;
      i++;
    }
    clauses.push({ entity: entity!, key: key!, op: op!, value: value! });

    const next = peek();
    if (!next) break;
    if (next.kind === 'word' && /^and$/i.test(next.value)) {
      i++;
      if (!peek()) fail('expected another condition after AND');
      continue;
    }
    if (next.kind === 'word' && /^or$/i.test(next.value))
      fail('OR is not supported (MLflow supports AND only); run two searches instead', next);
    fail('expected AND between conditions', next);
  }
  return clauses;
}

function like(pattern: string, text: string, insensitive: boolean): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/%/g, '.*')
      .replace(/_/g, '.')}$`,
    insensitive ? 'is' : 's',
  );
  return re.test(text);
}

function attribute(run: Run, key: string): string | number | null {
  switch (key) {
    case 'run_id':
      return run.id;
    case 'run_name':
      return run.name;
    case 'status':
      return run.status;
    case 'start_time':
      return run.startTime;
    case 'end_time':
      return run.endTime;
    default:
      return run.experimentId;
  }
}

function matches(run: Run, c: Clause): boolean {
  const actual =
    c.entity === 'metrics'
      ? (own(run.metrics, c.key)?.value ?? null)
      : c.entity === 'params'
        ? (own(run.params, c.key) ?? null)
        : c.entity === 'tags'
          ? (own(run.tags, c.key) ?? null)
          : attribute(run, c.key);
  // As MLflow: a run without the metric, param or tag does not match.
  if (actual === null) return false;
  switch (c.op) {
    case '=':
      return actual === c.value;
    case '!=':
      return actual !== c.value;
    case '<':
      return typeof actual === 'number' && actual < (c.value as number);
    case '<=':
      return typeof actual === 'number' && actual <= (c.value as number);
    case '>':
      return typeof actual === 'number' && actual > (c.value as number);
    case '>=':
      return typeof actual === 'number' && actual >= (c.value as number);
    case 'LIKE':
      return like(String(c.value), String(actual), false);
    case 'ILIKE':
      return like(String(c.value), String(actual), true);
    case 'IN':
      return (c.value as string[]).includes(String(actual));
    case 'NOT IN':
      return !(c.value as string[]).includes(String(actual));
  }
}

/** Which value of a metric a run is sorted by: the last logged (MLflow's), or its min or max. */
export type MetricField = 'value' | 'min' | 'max';

/** `metrics.rmse ASC`, `start_time DESC`, `params.alpha`, `tags.dataset.version` … */
function sortKey(run: Run, term: string, field: MetricField): number | string | null {
  const [entity, ...rest] = term.split('.');
  const key = rest.join('.');
  if (!key) return attribute(run, entity!);
  const e = ENTITIES[entity!.toLowerCase()];
  if (e === 'metrics') return own(run.metrics, key)?.[field] ?? null;
  if (e === 'params') return own(run.params, key) ?? null;
  if (e === 'tags') return own(run.tags, key) ?? null;
  return attribute(run, key);
}

/**
 * Runs matching `filter`, ordered. Filters compare a metric's last value, as MLflow; `metricField`
 * sorts by its min or max instead, so a table showing minima is ordered by what it shows.
 */
export function searchRuns(
  runs: Run[],
  filter = '',
  orderBy: string[] = ['start_time DESC'],
  options: { metricField?: MetricField } = {},
): Run[] {
  const field = options.metricField ?? 'value';
  const clauses = filter.trim() ? parseFilter(filter) : [];
  const found = runs.filter((r) => r.deletedAt === null && clauses.every((c) => matches(r, c)));
  const order = orderBy.map((o) => {
    const m = /^(.*?)(?:\s+(ASC|DESC))?$/i.exec(o.trim())!;
    return { term: m[1]!.replace(/`/g, ''), desc: (m[2] ?? 'ASC').toUpperCase() === 'DESC' };
  });
  return found.sort((a, b) => {
    for (const { term, desc } of order) {
      const x = sortKey(a, term, field);
      const y = sortKey(b, term, field);
      if (x === y) continue;
      // Runs without the value sort last either way, as MLflow.
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  });
}
