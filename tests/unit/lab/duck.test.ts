import { beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../../src/lib/kernel/outputs';
import { createKernelRuntime, type KernelRuntime } from '../../../src/lib/kernel/runtime';
import { useNodeServices } from './node-services';

let kernel: KernelRuntime;
async function run(source: string): Promise<{ ok: boolean; text: string }> {
  const { outputs, status } = await kernel.run('c', source, () => undefined);
  const last = outputs[outputs.length - 1] as
    (Output & { text?: string; message?: string }) | undefined;
  return { ok: status === 'ok', text: last?.text ?? last?.message ?? JSON.stringify(last) };
}
async function value(source: string): Promise<string> {
  const { ok, text } = await run(source);
  if (!ok) throw new Error(`cell failed: ${text}`);
  return text;
}

beforeAll(async () => {
  useNodeServices();
  kernel = createKernelRuntime();
  await kernel.reset();
  await value("await lab.duck.table('trips', 'nyc-taxi');");
}, 120_000);

describe('lab.duck in a cell', () => {
  it('answers SQL with an arquero table that matches arquero’s own group-by', async () => {
    const duck = await value(
      "const viaDuck = await lab.duck.sql('SELECT vendor_id, count(*) AS n FROM trips GROUP BY vendor_id ORDER BY vendor_id');\nJSON.stringify(viaDuck.objects())",
    );
    const arquero = await value(
      "const d = await lab.data.load('nyc-taxi');\nJSON.stringify(d.groupby('vendor_id').count({ as: 'n' }).orderby('vendor_id').objects())",
    );
    expect(duck).toBe(arquero);
  });

  it('builds a lazy relation whose plan and result agree with the SQL', async () => {
    await value(
      "const rel = lab.duck.from('trips').filter('passenger_count >= 5').groupBy('vendor_id').agg({ trips: 'count(*)' }).orderBy('vendor_id');",
    );
    expect(await value('rel.sql')).toMatch(/WHERE \(passenger_count >= 5\)\nGROUP BY vendor_id/);
    expect(await value('await rel.explain()')).toMatch(/HASH_GROUP_BY/);
    expect(await value('(await rel.collect()).numRows()')).toBe('2');
  });

  it('writes hive-partitioned Parquet and shows both pushdowns reading it', async () => {
    const files = await value(
      "(await lab.duck.writeParquet('SELECT * FROM trips', 'lake/trips', { partitionBy: ['vendor_id'] })).array('path').join(' ')",
    );
    expect(files).toBe(
      'lake/trips/vendor_id=1/data_0.parquet lake/trips/vendor_id=2/data_0.parquet',
    );
    expect(
      await value("await lab.duck.parquet('lake/trips').filter('vendor_id = 2').count()"),
    ).toBe(await value("await lab.duck.from('trips').filter('vendor_id = 2').count()"));
    const plan = await value(
      "await lab.duck.parquet('lake/trips').filter('vendor_id = 2').filter('passenger_count > 2').select('trip_duration').explain()",
    );
    // The plan box wraps long lines.
    expect(plan).toMatch(/File Filters: \(vendor_id =[\s│]*2\)/);
    expect(plan).toMatch(/Filters: passenger_count>2/);
    expect(plan).toMatch(/trip_duration/);
  });

  it('gives DuckDB errors with their code and position', async () => {
    const bad = await run("await lab.duck.sql('SELECT count(*) FROM trips WHER vendor_id = 1')");
    expect(bad.ok).toBe(false);
    expect(bad.text).toMatch(/syntax error at or near "vendor_id" \(line 1, column 33\)/);
  });
});
