import { beforeAll, describe, expect } from 'vitest';
import type { Output } from '../../src/lib/kernel/outputs';
import { createKernelRuntime, type KernelRuntime } from '../../src/lib/kernel/runtime';
import { DuckEngine, tableNameFor } from '../../src/lib/data/duck';
import { nodeDuckEngine } from '../../scripts/lesson-runner/duck-node';
import { useNodeServices } from '../unit/lab/node-services';
import { hostile } from './hostile';

let kernel: KernelRuntime;
let engine: DuckEngine;

/** A cell's outcome: its status and the text of its last output (the error's message). */
async function cell(source: string): Promise<{ ok: boolean; text: string }> {
  const { outputs, status } = await kernel.run('c', source, () => undefined);
  const last = outputs[outputs.length - 1] as
    (Output & { text?: string; message?: string }) | undefined;
  return { ok: status === 'ok', text: last?.text ?? last?.message ?? '' };
}

beforeAll(async () => {
  useNodeServices();
  kernel = createKernelRuntime();
  await kernel.reset();
  engine = await nodeDuckEngine();
  expect((await cell("await lab.duck.table('trips', 'nyc-taxi'); 'ok'")).ok).toBe(true);
}, 120_000);

describe('DuckDB from cells', () => {
  for (const name of [
    'trips; DROP TABLE trips; --',
    'x" FROM trips; --',
    "t'",
    '',
    '1trips',
    'a'.repeat(64),
  ])
    hostile(
      'names',
      `a DuckDB table named ${JSON.stringify(name.slice(0, 30))}`,
      { guards: 'security' },
      async () => {
        const { ok, text } = await cell(
          `await lab.duck.table(${JSON.stringify(name)}, 'diabetes')`,
        );
        expect(ok).toBe(false);
        expect(text).toMatch(/is not a table name: use letters, digits and _/);
        // Nothing ran: the table the name tried to drop is still there.
        expect(
          (await cell("(await lab.duck.sql('SELECT count(*) AS n FROM trips')).get('n', 0)")).text,
        ).toBe('100000');
      },
    );

  hostile(
    'names',
    'a dataset name with SQL in it becomes a plain identifier',
    { guards: 'security' },
    () => {
      expect(tableNameFor('nyc-taxi"; DROP TABLE trips; --')).toBe('nyc_taxi_DROP_TABLE_trips_');
    },
  );

  for (const [what, sql] of [
    ['/etc/passwd through read_csv', "SELECT * FROM read_csv_auto('/etc/passwd')"],
    ['a relative escape', "SELECT * FROM read_csv_auto('../package.json')"],
    ['an http URL', "SELECT * FROM read_csv_auto('http://example.com/x.csv')"],
    ['an https Parquet URL', "SELECT * FROM read_parquet('https://example.com/x.parquet')"],
    ['an S3 URL', "SELECT * FROM 's3://bucket/x.parquet'"],
    ['a COPY to an absolute path', "COPY (SELECT 1) TO '/tmp/labbook-escape.csv'"],
  ] as const)
    hostile(
      'cell-code',
      `SQL that reads outside its sandbox: ${what}`,
      { guards: 'security' },
      async () => {
        const answer = engine.query(sql);
        expect(answer).toMatchObject({ ok: false, problem: { code: 'sandbox' } });
        expect(!answer.ok && answer.problem.message).toMatch(
          /outside the Labbook sandbox.*Nothing is read from your disk or the network/,
        );
      },
    );

  for (const statement of [
    'INSTALL httpfs',
    'LOAD httpfs',
    "SET home_directory='/'",
    "ATTACH '/tmp/x.db'",
    'SELECT 1; INSTALL httpfs',
  ])
    hostile(
      'cell-code',
      `SQL that changes the engine: ${statement}`,
      { guards: 'security' },
      () => {
        expect(engine.query(statement)).toMatchObject({ ok: false, problem: { code: 'sandbox' } });
      },
    );

  hostile(
    'cell-code',
    'a query whose result is 2 million rows',
    { guards: 'availability' },
    async () => {
      const { ok, text } = await cell("await lab.duck.sql('SELECT * FROM range(2000000)')");
      expect(ok).toBe(false);
      expect(text).toMatch(
        /2,000,000 rows; a cell receives at most 100,000\. Aggregate in SQL \(GROUP BY\), or add LIMIT/,
      );
      // The engine still answers.
      expect((await cell("(await lab.duck.sql('SELECT 41 + 1 AS n')).get('n', 0)")).text).toBe(
        '42',
      );
    },
  );

  hostile('cell-code', 'a syntax error says where', { guards: 'clarity' }, async () => {
    const { ok, text } = await cell(
      "await lab.duck.sql('SELECT vendor_id,\\n  count(*\\nFROM trips GROUP BY 1')",
    );
    expect(ok).toBe(false);
    expect(text).toMatch(
      /Parser Error: syntax error at or near "FROM" \(line 3, column 1\)\n {2}FROM trips GROUP BY 1\n {2}\^/,
    );
  });

  hostile('cell-code', 'a lake path with quotes or an escape', { guards: 'security' }, async () => {
    for (const path of ["lake/x') TO '/etc/x", '../lake', '/lake', 'lake/*']) {
      const { ok, text } = await cell(`lab.duck.parquet(${JSON.stringify(path)})`);
      expect(ok).toBe(false);
      expect(text).toMatch(/is not a lake path/);
    }
  });
});
