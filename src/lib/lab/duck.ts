import { fromArrow, from as aqFrom, type ColumnTable } from 'arquero';
import { DuckError, quoteIdent, tableName, tableNameFor, type DuckAnswer } from '../data/duck';
import { isSandboxPath } from '../data/duck';
import { defineLabNamespace } from './index';
import { Relation, type RelationRunner } from './duck-relation';
import { fromArqueroOrRef } from './tables';
import { labServices } from './services';
import { duckWithBar } from './duck-progress';

function unwrap<T>(answer: DuckAnswer<T>): T {
  if (answer.ok) return answer.value;
  throw new DuckError(answer.problem);
}

/** SQL run in DuckDB under a bar with Cancel (./duck-progress.ts), as an arquero table. */
function sqlRunner(display: (value: unknown) => void): RelationRunner {
  const collect = async (text: string): Promise<ColumnTable> => {
    if (typeof text !== 'string')
      throw new DuckError({ code: 'sql', message: 'lab.duck.sql needs the SQL as a string.' });
    const { ipc } = await duckWithBar(display, text, (signal) =>
      labServices().duck.query(text, undefined, signal),
    );
    return fromArrow(ipc);
  };
  const explain = async (text: string): Promise<string> => {
    const plan = await collect(`EXPLAIN ${text}`);
    return Array.from(plan.array('explain_value') as ArrayLike<unknown>, (v) =>
      String(v).trimEnd(),
    ).join('\n');
  };
  return { collect, explain };
}

/** A lake path a cell names: relative, plain segments, no quotes. */
function lakePath(path: unknown): string {
  if (typeof path === 'string' && isSandboxPath(path) && !/['"\s*?[\]{}]/.test(path))
    return path.replace(/\/+$/, '');
  throw new DuckError({
    code: 'name',
    message: `${JSON.stringify(path)} is not a lake path: use a relative path of letters, digits, -, _ and /, such as 'lake/trips'.`,
  });
}

defineLabNamespace('duck', (ctx) => {
  const runner = sqlRunner(ctx.display);
  return {
    /** Creates (or replaces) a DuckDB table from a dataset name or an arquero table. */
    async table(name: string, source?: unknown) {
      const data = await fromArqueroOrRef(source ?? name, 'The data');
      const table = source === undefined ? tableNameFor(name) : tableName(name);
      return unwrap(await labServices().duck.loadTable(table, data));
    },
    sql: runner.collect,
    explain: runner.explain,
    /** A lazy relation over a table or any SQL query. */
    from(source: string) {
      const from = /^[A-Za-z_]\w*$/.test(source) ? quoteIdent(source) : `(${source}) AS src`;
      return new Relation(runner, from);
    },
    /** Reads a partitioned Parquet folder back as a lazy relation (hive partition columns too). */
    parquet(path: string) {
      const where = lakePath(path);
      return new Relation(
        runner,
        `read_parquet('${where}/**/*.parquet', hive_partitioning = true) AS lake`,
      );
    },
    /** Writes a query or relation as Parquet under `path`, one folder per partition value. */
    async writeParquet(
      query: string | Relation,
      path: string,
      options: { partitionBy?: string[] } = {},
    ): Promise<ColumnTable> {
      const where = lakePath(path);
      const text = query instanceof Relation ? query.sql : query;
      const partition = options.partitionBy?.length
        ? `, PARTITION_BY (${options.partitionBy.map(quoteIdent).join(', ')})`
        : '';
      const target = partition ? where : `${where}/data_0.parquet`;
      await runner.collect(`COPY (${text}) TO '${target}' (FORMAT PARQUET${partition})`);
      return files(where);
    },
    files,
  };
});

/** The files queries wrote under `prefix`, with their sizes. */
async function files(prefix = ''): Promise<ColumnTable> {
  const list = unwrap(await labServices().duck.files(prefix ? lakePath(prefix) : ''));
  return aqFrom(list.length ? list : [], ['path', 'bytes']);
}
