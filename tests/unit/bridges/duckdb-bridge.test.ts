import { expose } from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { CANCEL_GRACE_MS, DuckdbBridge } from '../../../src/bridges/duckdb-bridge';
import type { ColumnarTable } from '../../../src/lib/data/columnar';

/*
 * The DuckDB bridge's cancel when DuckDB does not pause: the worker is ended after the grace
 * period and a fresh one gets the tables cells loaded. Fake workers stand in for DuckDB: one
 * whose query never answers (a task that never hands control back) and that ignores cancel.
 */

const table = (rows: number): ColumnarTable => ({
  rowCount: rows,
  columns: [{ name: 'a', type: 'float', values: new Float64Array(rows) }],
});

function fakeDuckWorkers() {
  const started: { loads: string[]; terminated: boolean; crash(message: string): void }[] = [];
  const create = () => {
    const { port1, port2 } = new MessageChannel();
    const seen = {
      loads: [] as string[],
      terminated: false,
      crash: (message: string) =>
        port1.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message })),
    };
    started.push(seen);
    expose(
      {
        loadTable: async (name: string, data: ColumnarTable) => {
          seen.loads.push(name);
          return { ok: true, value: { table: name, rows: data.rowCount } };
        },
        query: () => new Promise(() => {}),
        cancel: () => undefined,
        files: async () => ({ ok: true, value: [] }),
      },
      port2 as never,
    );
    return Object.assign(port1, {
      terminate() {
        seen.terminated = true;
        port1.close();
        port2.close();
      },
    }) as unknown as Worker;
  };
  return { started, create };
}

it('restarts a DuckDB worker that does not hear a cancel, with the loaded tables back, and says so', async () => {
  const workers = fakeDuckWorkers();
  const bridge = new DuckdbBridge(workers.create);
  expect(await bridge.loadTable('trips', table(3))).toMatchObject({ ok: true });
  const stop = new AbortController();
  const answer = bridge.query('SELECT 1', undefined, stop.signal);
  const started = Date.now();
  stop.abort();
  expect(await answer).toEqual({
    ok: false,
    problem: {
      code: 'cancelled',
      message: expect.stringMatching(
        /^the query did not pause between two steps of its work, so DuckDB was restarted: the tables you loaded with lab\.duck\.table \(trips\) are loaded again; tables made in SQL/,
      ),
    },
  });
  expect(Date.now() - started).toBeGreaterThanOrEqual(CANCEL_GRACE_MS - 50);
  expect(workers.started[0]!.terminated).toBe(true);
  // The next call starts a fresh worker, which is given the table before it.
  expect(await bridge.files()).toEqual({ ok: true, value: [] });
  expect(workers.started).toHaveLength(2);
  expect(workers.started[1]!.loads).toEqual(['trips']);
});

it('does not load the tables again after a crash (its message says they are gone)', async () => {
  const workers = fakeDuckWorkers();
  const bridge = new DuckdbBridge(workers.create);
  await bridge.loadTable('trips', table(3));
  const running = bridge.query('SELECT 1');
  workers.started[0]!.crash('out of memory');
  expect(await running.catch((e: Error) => e.message)).toMatch(
    /^DuckDB stopped \(out of memory\)\. Its tables and files were in its memory and are gone/,
  );
  await bridge.files();
  expect(workers.started).toHaveLength(2);
  expect(workers.started[1]!.loads).toEqual([]);
});
