import type { ColumnTable } from 'arquero';

/** How a relation reaches the engine: the lab namespace runs its SQL. */
export interface RelationRunner {
  collect(sql: string): Promise<ColumnTable>;
  explain(sql: string): Promise<string>;
}

interface Clauses {
  where: string[];
  select?: string[];
  groupBy?: string[];
  orderBy?: string[];
  limit?: number;
}

/**
 * A lazy relation, like a Spark DataFrame or DuckDB's own relational API: each verb returns a
 * new relation and only adds to the SQL; nothing runs until `collect`, `count` or `explain`.
 * Conditions and expressions are SQL text, as in PySpark's `df.filter("fare > 0")`.
 */
export class Relation {
  constructor(
    private readonly runner: RelationRunner,
    private readonly from: string,
    private readonly clauses: Clauses = { where: [] },
  ) {}

  #with(change: Partial<Clauses>): Relation {
    return new Relation(this.runner, this.from, { ...this.clauses, ...change });
  }

  /** After a projection, grouping, order or limit, the next verb applies to its result. */
  #shaped(): boolean {
    const c = this.clauses;
    return Boolean(c.select || c.groupBy || c.orderBy || c.limit !== undefined);
  }

  #wrapped(): Relation {
    return this.#shaped() ? new Relation(this.runner, `(${this.sql}) AS sub`) : this;
  }

  filter(condition: string): Relation {
    const base = this.#wrapped();
    return base.#with({ where: [...base.clauses.where, condition] });
  }

  select(...columns: string[]): Relation {
    return this.#wrapped().#with({ select: columns });
  }

  /** Groups by `keys`; `agg` names the aggregates: `{ trips: 'count(*)', mean: 'avg(x)' }`. */
  groupBy(...keys: string[]) {
    return {
      agg: (aggregates: Record<string, string>): Relation =>
        this.#wrapped().#with({
          groupBy: keys,
          select: [
            ...keys,
            ...Object.entries(aggregates).map(
              ([name, e]) => `${e} AS "${name.replaceAll('"', '""')}"`,
            ),
          ],
        }),
    };
  }

  orderBy(...expressions: string[]): Relation {
    const base = this.clauses.limit !== undefined ? this.#wrapped() : this;
    return base.#with({ orderBy: expressions });
  }

  limit(n: number): Relation {
    return this.#with({ limit: Math.max(0, Math.floor(n)) });
  }

  /** The SQL this relation stands for. */
  get sql(): string {
    const c = this.clauses;
    return [
      `SELECT ${c.select?.join(', ') ?? '*'}`,
      `FROM ${this.from}`,
      c.where.length ? `WHERE ${c.where.map((w) => `(${w})`).join(' AND ')}` : '',
      // A key may name itself (`hour(t) AS hour`); GROUP BY takes the expression alone.
      c.groupBy?.length
        ? `GROUP BY ${c.groupBy.map((k) => k.replace(/\s+AS\s+("[^"]*"|\w+)\s*$/i, '')).join(', ')}`
        : '',
      c.orderBy?.length ? `ORDER BY ${c.orderBy.join(', ')}` : '',
      c.limit !== undefined ? `LIMIT ${c.limit}` : '',
    ]
      .filter(Boolean)
      .join('\n');
  }

  /** The action: runs the SQL and returns the result. */
  collect(): Promise<ColumnTable> {
    return this.runner.collect(this.sql);
  }

  async count(): Promise<number> {
    const table = await this.runner.collect(`SELECT count(*) AS n FROM (${this.sql}) AS counted`);
    return Number(table.get('n', 0));
  }

  /** DuckDB's physical plan, as Spark's `df.explain()`: nothing runs. */
  explain(): Promise<string> {
    return this.runner.explain(this.sql);
  }
}
