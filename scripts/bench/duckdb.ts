import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { nodeDuckEngine } from '../lesson-runner/duck-node';
import { FULL_ROWS, fullTaxiCsv } from './full-taxi-file';
import type { BenchResult } from './report';

const GROUP_BY =
  'SELECT vendor_id, passenger_count, count(trip_duration) AS count, avg(trip_duration) AS mean FROM trips GROUP BY vendor_id, passenger_count';

/**
 * DuckDB-WASM (the wasm the site ships, in Node's blocking build) against pandas in the same
 * run: the group-by of lesson 06 over the full 1,458,644-row taxi file, each on a table already
 * in memory, best of three. Also the download a first use of lab.duck costs.
 */
export async function benchDuckdb(): Promise<BenchResult[]> {
  const csv = fullTaxiCsv();
  const engine = await nodeDuckEngine();
  const must = <T>(a: { ok: true; value: T } | { ok: false; problem: { message: string } }) => {
    if (!a.ok) throw new Error(a.problem.message);
    return a.value;
  };
  must(engine.registerFile('train.csv', new Uint8Array(readFileSync(csv))));
  const loadStart = performance.now();
  must(engine.query("CREATE TABLE trips AS SELECT * FROM read_csv_auto('train.csv')"));
  const loadSeconds = (performance.now() - loadStart) / 1000;
  let best = Infinity;
  let groups = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    groups = must(engine.query(GROUP_BY)).rows;
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  const pandas = JSON.parse(
    execFileSync('/usr/bin/python3', ['scripts/bench/duckdb-groupby.py', csv], {
      encoding: 'utf8',
    }),
  ) as { seconds: number; groups: number; pandas: string };
  if (pandas.groups !== groups)
    throw new Error(`pandas found ${pandas.groups} groups, DuckDB ${groups}.`);
  const wasm = createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm');
  const raw = statSync(wasm).size;
  const gzipped = gzipSync(readFileSync(wasm), { level: 6 }).byteLength;
  return [
    {
      name: `DuckDB group-by over ${FULL_ROWS.toLocaleString('en-US')} rows`,
      value: best,
      unit: 's',
    },
    {
      name: 'pandas, same group-by, same run',
      value: pandas.seconds,
      unit: 's',
      note: `pandas ${pandas.pandas}`,
    },
    {
      name: 'DuckDB / pandas',
      value: best / pandas.seconds,
      unit: '×',
      target: { max: 2 },
      note: `${groups} groups`,
    },
    { name: 'DuckDB read_csv of the full file', value: loadSeconds, unit: 's' },
    {
      name: 'DuckDB download on first use (duckdb-eh.wasm, gzip)',
      value: gzipped / 2 ** 20,
      unit: 'MB',
      note: `${(raw / 2 ** 20).toFixed(1)} MB uncompressed; not in the install precache: the service worker caches it on first use, for offline`,
    },
  ];
}

if (process.argv.includes('--json')) console.log(JSON.stringify(await benchDuckdb()));
