import type { LabNamespaceDoc } from './types';

export const sqlDocs: LabNamespaceDoc = {
  doc: 'SQLite in the browser: databases saved by name, queries as tables.',
  members: {
    open: {
      signature: "const db = await lab.sql.open('diabetes')",
      doc: "Opens (or creates) a database. 'diabetes' starts with the course's train and test tables.",
    },
    query: {
      of: 'db',
      signature: "await db.query('SELECT … FROM train WHERE age > ?', [60])",
      doc: 'Runs SQL; the last result set comes back as an arquero table.',
    },
    run: {
      of: 'db',
      signature: "await db.run('UPDATE …')",
      doc: 'Runs a statement that changes data; returns { changes }. Saved at once.',
    },
    load: {
      of: 'db',
      signature: "await db.load('trips', table | 'nyc-taxi')",
      doc: 'Creates (or replaces) a table from an arquero table or a dataset.',
    },
    tables: {
      of: 'db',
      signature: 'db.tables()',
      doc: 'The tables with their row counts and columns.',
    },
    reset: {
      signature: "await lab.sql.reset('diabetes')",
      doc: 'Empties a saved database (diabetes is rebuilt by the next open).',
    },
  },
};

export const nosqlDocs: LabNamespaceDoc = {
  doc: 'A document store in the spirit of TinyDB: JSON documents, queries, saved in the browser.',
  members: {
    table: {
      signature: "const patients = await lab.nosql.table('patients')",
      doc: 'A table of documents: insert, all, search, get, update, upsert, remove, count.',
    },
    where: {
      signature: "lab.nosql.where('age').gt(60).and(lab.nosql.where('sex').eq(2))",
      doc: "A query, as TinyDB's Query(): eq, ne, lt, lte, gt, gte, exists, matches, search, oneOf, any, all, test.",
    },
    filter: {
      signature: 'lab.nosql.filter({ age: { $gt: 60 }, sex: 2 })',
      doc: 'A MongoDB-style filter as a query ($eq, $ne, $lt, $gt, $in, $nin, $regex, $exists, $and, $or).',
    },
  },
};

export const bigdataDocs: LabNamespaceDoc = {
  doc: 'Big-data workflow: lazy queries over a CSV file, run in parts on a pool of workers.',
  members: {
    taxiFile: {
      signature: 'await lab.bigdata.taxiFile({ copies: 15 })',
      doc: 'The taxi sample repeated to the size of the real Kaggle file (1.5 M rows).',
    },
    scan: {
      signature:
        "lab.bigdata.scan(file).filter('passenger_count', '>', 0).groupCount('pickup_datetime', 'hour')",
      doc: 'Builds a lazy query: filter, then count, describe, groupCount or histogram.',
    },
    poolSize: { signature: 'lab.bigdata.poolSize', doc: 'Workers that run parts at once.' },
  },
};

export const duckDocs: LabNamespaceDoc = {
  doc: 'DuckDB, an analytical SQL engine, in a worker: tables, lazy relations, EXPLAIN, partitioned Parquet.',
  members: {
    table: {
      signature: "await lab.duck.table('trips', 'nyc-taxi' | table)",
      doc: 'Creates (or replaces) a table from a dataset or an arquero table; returns { table, rows }.',
    },
    sql: {
      signature: "await lab.duck.sql('SELECT vendor_id, count(*) FROM trips GROUP BY ALL')",
      doc: 'Runs SQL; the result comes back as an arquero table (at most 100,000 rows).',
    },
    explain: {
      signature: "await lab.duck.explain('SELECT …')",
      doc: "DuckDB's physical plan as text: pushed-down filters and projected columns show in the scans.",
    },
    from: {
      signature:
        "lab.duck.from('trips').filter('passenger_count > 0').groupBy('vendor_id').agg({ n: 'count(*)' })",
      doc: 'A lazy relation (as a Spark DataFrame): filter, select, groupBy().agg, orderBy, limit; then collect, count or explain.',
    },
    parquet: {
      signature: "lab.duck.parquet('lake/trips')",
      doc: 'A lazy relation over a Parquet folder written here, partition columns included (hive layout).',
    },
    writeParquet: {
      signature:
        "await lab.duck.writeParquet(relation | sql, 'lake/trips', { partitionBy: ['year', 'month'] })",
      doc: 'Writes Parquet under the path, one folder per partition value (year=2016/month=1/…); returns the files.',
    },
    files: {
      signature: "await lab.duck.files('lake')",
      doc: 'The files queries wrote (in the DuckDB worker’s memory), with their sizes.',
    },
  },
};
