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
