import { fromArrow } from 'arquero';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ColumnarTable } from '../../../../src/lib/data/columnar';
import { DuckEngine, positionOf, tableNameFor } from '../../../../src/lib/data/duck';
import { nodeDuckEngine } from '../../../../scripts/lesson-runner/duck-node';

const trips: ColumnarTable = {
  rowCount: 4,
  columns: [
    { name: 'vendor_id', type: 'integer', values: new Float64Array([1, 2, 2, NaN]) },
    {
      name: 'pickup_datetime',
      type: 'datetime',
      values: new Float64Array([
        Date.UTC(2016, 0, 3, 8),
        Date.UTC(2016, 1, 4, 9),
        Date.UTC(2016, 1, 5, 10),
        NaN,
      ]),
    },
    {
      name: 'flag',
      type: 'category',
      codes: new Uint32Array([0, 1, 0, 0xffffffff]),
      dictionary: ['N', 'Y'],
    },
    { name: 'trip_duration', type: 'float', values: new Float64Array([600, 300, 900, 120]) },
  ],
};

let engine: DuckEngine;
beforeAll(async () => {
  engine = await nodeDuckEngine();
  expect(engine.loadTable('trips', trips)).toEqual({
    ok: true,
    value: { table: 'trips', rows: 4 },
  });
}, 60_000);

const rows = (sql: string) => {
  const answer = engine.query(sql);
  if (!answer.ok) throw new Error(answer.problem.message);
  return fromArrow(answer.value.ipc).objects();
};

describe('DuckEngine', () => {
  test('a loaded table keeps types: NaN is NULL, datetimes are timestamps', () => {
    expect(
      rows(
        'SELECT month(pickup_datetime) AS m, count(*) AS n, sum(trip_duration) AS s FROM trips GROUP BY ALL ORDER BY m NULLS LAST',
      ),
    ).toEqual([
      { m: 1, n: 1, s: 600 },
      { m: 2, n: 2, s: 1200 },
      { m: null, n: 1, s: 120 },
    ]);
    expect(rows('SELECT count(vendor_id) AS c, count(flag) AS f FROM trips')).toEqual([
      { c: 3, f: 3 },
    ]);
  });

  test('partitioned Parquet in hive layout reads back with both pushdowns in the plan', () => {
    const copy = engine.query(
      "COPY (SELECT *, year(pickup_datetime) AS year, month(pickup_datetime) AS month FROM trips WHERE pickup_datetime IS NOT NULL) TO 'lake/unit' (FORMAT PARQUET, PARTITION_BY (year, month))",
    );
    expect(copy.ok).toBe(true);
    const files = engine.files('lake/unit');
    expect(files.ok && files.value.map((f) => f.path)).toEqual([
      'lake/unit/year=2016/month=1/data_0.parquet',
      'lake/unit/year=2016/month=2/data_0.parquet',
    ]);
    const read = "FROM read_parquet('lake/unit/*/*/*.parquet', hive_partitioning = true)";
    expect(rows(`SELECT count(*) AS n ${read} WHERE month = 2`)).toEqual([{ n: 2 }]);
    const plan = rows(
      `EXPLAIN SELECT trip_duration ${read} WHERE month = 2 AND trip_duration > 400`,
    )
      .map((r) => Object.values(r).join('\n'))
      .join('\n');
    expect(plan).toMatch(/File Filters: \(month = 2\)/);
    expect(plan).toMatch(/Filters: trip_duration>400/);
  });

  test('errors carry a code and the position DuckDB pointed at', () => {
    const bad = engine.query('SELECT count(*)\nFORM trips');
    expect(bad).toMatchObject({
      ok: false,
      problem: { code: 'syntax', position: { line: 2, column: 6 } },
    });
    // FORM reads as an alias of count(*), so DuckDB stops at the table name.
    expect(!bad.ok && bad.problem.message).toMatch(/near "trips" \(line 2, column 6\)/);
    const unknown = engine.query('SELECT nope FROM trips');
    expect(unknown).toMatchObject({
      ok: false,
      problem: { code: 'sql', position: { line: 1, column: 8 } },
    });
    expect(positionOf('no position here')).toBeUndefined();
  });

  test('dataset names become plain identifiers', () => {
    expect(tableNameFor('nyc-taxi')).toBe('nyc_taxi');
    expect(tableNameFor('2016 trips@3')).toBe('_2016_trips');
  });
});

test('one query writes many partition files, held by the runtime, and reads them back', () => {
  // DuckDB-WASM 0.9.1 faulted ("memory access out of bounds") writing its own in-memory files.
  const wrote = engine.query(
    "COPY (SELECT range AS x, range % 12 AS part FROM range(120000)) TO 'lake/many' (FORMAT PARQUET, PARTITION_BY (part))",
  );
  expect(wrote.ok).toBe(true);
  const files = engine.files('lake/many');
  expect(files.ok && files.value.map((f) => f.path)).toHaveLength(12);
  expect(
    rows(
      "SELECT count(*)::INTEGER AS n FROM read_parquet('lake/many/**/*.parquet', hive_partitioning = true) WHERE part = 7",
    ),
  ).toEqual([{ n: 10000 }]);
});
