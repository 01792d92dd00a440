import { DataError } from '../errors';

/**
 * Queries over JSON documents in TinyDB's style (`where('age').gt(30).and(...)`), plus MongoDB-
 * style filters (`{ age: { $gt: 30 } }`) compiled to the same predicates: students meet both.
 */
export type Doc = Record<string, unknown>;
export type Predicate = (doc: Doc) => boolean;

export class Query {
  constructor(
    readonly test: Predicate,
    readonly description: string,
  ) {}
  and(other: Query): Query {
    return new Query(
      (d) => this.test(d) && other.test(d),
      `(${this.description} & ${other.description})`,
    );
  }
  or(other: Query): Query {
    return new Query(
      (d) => this.test(d) || other.test(d),
      `(${this.description} | ${other.description})`,
    );
  }
  not(): Query {
    return new Query((d) => !this.test(d), `~${this.description}`);
  }
}

const MISSING = Symbol('missing');

function resolve(doc: unknown, path: string[]): unknown {
  let value: unknown = doc;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !(key in (value as Doc))) return MISSING;
    value = (value as Doc)[key];
  }
  return value;
}

const compare = (a: unknown, b: unknown) =>
  typeof a === typeof b && (typeof a === 'number' || typeof a === 'string');

/** A field path; `where('a.b')` or `where('a').field('b')`. */
export class Field {
  constructor(readonly path: string[]) {}
  field(name: string): Field {
    return new Field([...this.path, name]);
  }
  #q(name: string, test: (v: unknown) => boolean): Query {
    return new Query(
      (doc) => {
        const v = resolve(doc, this.path);
        return v !== MISSING && test(v);
      },
      `${this.path.join('.')} ${name}`,
    );
  }
  eq(x: unknown) {
    return this.#q(`== ${JSON.stringify(x)}`, (v) => deepEqual(v, x));
  }
  ne(x: unknown) {
    return this.#q(`!= ${JSON.stringify(x)}`, (v) => !deepEqual(v, x));
  }
  lt(x: number | string) {
    return this.#q(`< ${JSON.stringify(x)}`, (v) => compare(v, x) && (v as typeof x) < x);
  }
  lte(x: number | string) {
    return this.#q(`<= ${JSON.stringify(x)}`, (v) => compare(v, x) && (v as typeof x) <= x);
  }
  gt(x: number | string) {
    return this.#q(`> ${JSON.stringify(x)}`, (v) => compare(v, x) && (v as typeof x) > x);
  }
  gte(x: number | string) {
    return this.#q(`>= ${JSON.stringify(x)}`, (v) => compare(v, x) && (v as typeof x) >= x);
  }
  exists() {
    return this.#q('exists', () => true);
  }
  /** The whole value matches (TinyDB's `matches`). */
  matches(regex: RegExp | string) {
    const r = new RegExp(
      typeof regex === 'string' ? `^(?:${regex})$` : regex.source,
      typeof regex === 'string' ? '' : regex.flags,
    );
    return this.#q(`matches ${r}`, (v) => typeof v === 'string' && r.test(v));
  }
  /** Some part of the value matches (TinyDB's `search`). */
  search(regex: RegExp | string) {
    const r = typeof regex === 'string' ? new RegExp(regex) : regex;
    return this.#q(`search ${r}`, (v) => typeof v === 'string' && r.test(v));
  }
  oneOf(list: unknown[]) {
    return this.#q(`one of ${JSON.stringify(list)}`, (v) => list.some((x) => deepEqual(v, x)));
  }
  /** A list field sharing at least one element with `list`. */
  any(list: unknown[]) {
    return this.#q(
      `any ${JSON.stringify(list)}`,
      (v) => Array.isArray(v) && v.some((e) => list.some((x) => deepEqual(e, x))),
    );
  }
  /** A list field containing every element of `list`. */
  all(list: unknown[]) {
    return this.#q(
      `all ${JSON.stringify(list)}`,
      (v) => Array.isArray(v) && list.every((x) => v.some((e) => deepEqual(e, x))),
    );
  }
  test(fn: (value: unknown) => boolean) {
    return this.#q('test(fn)', fn);
  }
}

export const where = (path: string) => new Field(path.split('.'));

/** Equal as JSON values (documents hold nothing else), key order aside. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Doc)[k], (b as Doc)[k]));
}

const OPERATORS: Record<string, (f: Field, arg: unknown) => Query> = {
  $eq: (f, x) => f.eq(x),
  $ne: (f, x) => f.ne(x),
  $lt: (f, x) => f.lt(x as number),
  $lte: (f, x) => f.lte(x as number),
  $gt: (f, x) => f.gt(x as number),
  $gte: (f, x) => f.gte(x as number),
  $in: (f, x) => f.oneOf(x as unknown[]),
  $nin: (f, x) => f.oneOf(x as unknown[]).not(),
  $regex: (f, x) => f.search(x as string),
  $exists: (f, x) => (x ? f.exists() : f.exists().not()),
  $all: (f, x) => f.all(x as unknown[]),
};

/** A MongoDB-style filter as a Query; unknown operators are errors that name them. */
export function fromFilter(filter: Doc): Query {
  const parts: Query[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      const subs = (value as Doc[]).map(fromFilter);
      parts.push(subs.reduce((a, b) => (key === '$and' ? a.and(b) : a.or(b))));
    } else if (key === '$not') parts.push(fromFilter(value as Doc).not());
    else if (key.startsWith('$'))
      throw new DataError(
        'unknown-operator',
        `Unknown filter operator ${key}; use $and, $or, $not at the top level.`,
      );
    else if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.keys(value).some((k) => k.startsWith('$'))
    ) {
      for (const [op, arg] of Object.entries(value)) {
        const make = OPERATORS[op];
        if (!make)
          throw new DataError(
            'unknown-operator',
            `Unknown operator ${op} on "${key}". Known: ${Object.keys(OPERATORS).join(', ')}.`,
          );
        parts.push(make(where(key), arg));
      }
    } else parts.push(where(key).eq(value));
  }
  return parts.length ? parts.reduce((a, b) => a.and(b)) : new Query(() => true, 'all');
}
