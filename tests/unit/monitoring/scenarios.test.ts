import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataCatalog } from '../../../src/lib/data/catalog/catalog';
import { createVersion, hashTable } from '../../../src/lib/data/catalog/content-id';
import { memoryDataPort } from '../../../src/lib/data/catalog/memory-port';
import type { ColumnarTable, NumericColumn } from '../../../src/lib/data/columnar';
import { parseCsvStream } from '../../../src/lib/data/csv';
import { haversineKm } from '../../../src/lib/data/nyc-taxi/geography';
import { detectTableDrift } from '../../../src/lib/monitoring/detect';
import {
  driftScenario,
  rowIntensity,
  ScenarioError,
  type ScenarioOptions,
} from '../../../src/lib/monitoring/scenarios';
import { fitTwo } from '../../../src/lib/monitoring/scenarios/diabetes';

async function csv(bytes: Uint8Array<ArrayBuffer>, name: string): Promise<ColumnarTable> {
  return (await parseCsvStream(new Response(bytes).body!, { name })).table;
}

let diabetes: ColumnarTable;
let taxi: ColumnarTable;
beforeAll(async () => {
  diabetes = await csv(readFileSync('datasets/diabetes/diabetes.csv'), 'diabetes');
  taxi = await csv(
    new Uint8Array(gunzipSync(readFileSync('datasets/nyc-taxi/nyc-taxi-sample-100k.csv.gz'))),
    'nyc-taxi',
  );
});

const values = (t: ColumnarTable, name: string) =>
  (t.columns.find((c) => c.name === name) as NumericColumn).values;
/** Bitwise equality of two numeric columns (much faster than a deep toEqual on 100k values). */
const same = (a: Float64Array, b: Float64Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
const flagged = (reference: ColumnarTable, current: ColumnarTable, columns?: string[]) =>
  detectTableDrift(reference, current, { columns })
    .columns.filter((c) => c.drifted)
    .map((c) => c.column);
/** Every taxi column but the unique trip id. */
const taxiColumns = () => taxi.columns.map((c) => c.name).filter((n) => n !== 'id');

describe('reproducible scenarios', () => {
  const options: ScenarioOptions = {
    scenario: 'covariate',
    seed: 42,
    strength: 0.7,
    mode: 'gradual',
  };

  it('same source, seed and options → same table → same version id', async () => {
    const a = driftScenario(diabetes, options);
    const b = driftScenario(diabetes, options);
    expect(await hashTable(a.table)).toBe(await hashTable(b.table));
    const meta = {
      name: 'diabetes-drift',
      parents: ['v-source'],
      transform: a.transform,
      createdAt: 1,
    };
    expect(await createVersion(a.table, meta)).toEqual(await createVersion(b.table, meta));
    const other = driftScenario(diabetes, { ...options, seed: 43 });
    expect(await hashTable(other.table)).not.toBe(await hashTable(a.table));
  });

  it('saves into the catalog with its lineage and replays from the recorded params', async () => {
    const catalog = new DataCatalog({
      port: memoryDataPort(),
      openShipped: () => Promise.reject(new Error('no shipped data in this test')),
    });
    const source = await catalog.save('diabetes', diabetes, {
      transform: { kind: 'import', description: 'test' },
    });
    const run = driftScenario(diabetes, { ...options, source: source.id });
    const saved = await catalog.save('diabetes-covariate', run.table, {
      parents: [source.id],
      transform: run.transform,
    });
    expect(saved.parents).toEqual([source.id]);
    expect(saved.transform).toEqual({
      kind: 'scenario',
      description: expect.stringContaining(
        'Covariate shift: an older, heavier patient population',
      ) as string,
      params: {
        scenario: 'covariate',
        dataset: 'diabetes',
        seed: 42,
        strength: 0.7,
        mode: 'gradual',
        start: 0,
        rows: 442,
        source: source.id,
      },
    });
    const replay = driftScenario(diabetes, saved.transform.params as ScenarioOptions);
    const again = await catalog.save('diabetes-covariate', replay.table, {
      parents: [source.id],
      transform: replay.transform,
    });
    expect(again.id).toBe(saved.id);
  });

  it('keeps the source schema and draws the requested number of rows', () => {
    const { table } = driftScenario(taxi, { scenario: 'control', seed: 1, rows: 1234 });
    expect(table.rowCount).toBe(1234);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual(
      taxi.columns.map((c) => [c.name, c.type]),
    );
    expect(
      table.columns.every((c) => ('values' in c ? c.values.length : c.codes.length) === 1234),
    ).toBe(true);
  });
});

describe('drift intensity over the rows', () => {
  it('sudden jumps at start, gradual ramps from start to the last row', () => {
    const at = (mode: 'sudden' | 'gradual', start: number) =>
      [0, 25, 50, 75, 100].map((i) => rowIntensity(i, 101, { strength: 0.8, mode, start }));
    expect(at('sudden', 0)).toEqual([0.8, 0.8, 0.8, 0.8, 0.8]);
    expect(at('sudden', 0.5)).toEqual([0, 0, 0.8, 0.8, 0.8]);
    expect(at('gradual', 0)).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8]);
    expect(at('gradual', 0.5)).toEqual([0, 0, 0, 0.4, 0.8]);
  });

  it('a gradual covariate shift shows up late, not early', () => {
    const { table } = driftScenario(taxi, { scenario: 'covariate', seed: 3, mode: 'gradual' });
    const km = (from: number, to: number) => {
      const [a, b, c, d] = [
        'pickup_longitude',
        'pickup_latitude',
        'dropoff_longitude',
        'dropoff_latitude',
      ].map((n) => values(table, n));
      const ds: number[] = [];
      for (let i = from; i < to; i++)
        ds.push(haversineKm({ lon: a![i]!, lat: b![i]! }, { lon: c![i]!, lat: d![i]! }));
      return ds.sort((x, y) => x - y)[ds.length >> 1]!;
    };
    expect(km(90_000, 100_000)).toBeGreaterThan(1.5 * km(0, 10_000));
  });
});

describe('detectDrift finds what the scenarios did', () => {
  it('covariate shift at strength 1: every ground-truth column is flagged (diabetes, KS)', () => {
    for (const mode of ['sudden', 'gradual'] as const) {
      const run = driftScenario(diabetes, { scenario: 'covariate', seed: 5, mode });
      expect(run.groundTruth.kind).toBe('covariate');
      expect(flagged(diabetes, run.table)).toEqual(
        expect.arrayContaining(run.groundTruth.driftedColumns),
      );
    }
  });

  it('covariate shift at strength 1: every ground-truth column is flagged (taxi, Wasserstein)', () => {
    for (const mode of ['sudden', 'gradual'] as const) {
      const run = driftScenario(taxi, { scenario: 'covariate', seed: 5, mode });
      const found = flagged(taxi, run.table, taxiColumns());
      expect(found).toEqual(expect.arrayContaining(run.groundTruth.driftedColumns));
      // Passengers, vendor and the flag do not depend on the route or time in the data.
      expect(found).not.toEqual(expect.arrayContaining(['passenger_count']));
      expect(found).not.toContain('vendor_id');
      expect(found).not.toContain('store_and_fwd_flag');
    }
  });

  it('label shift moves the target', () => {
    const run = driftScenario(diabetes, { scenario: 'label', seed: 5 });
    expect(flagged(diabetes, run.table)).toContain('target');
    const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
    expect(mean(values(run.table, 'target'))).toBeGreaterThan(
      mean(values(diabetes, 'target')) + 30,
    );
  });

  it('control flags nothing, over 20 seeds of diabetes and 3 of taxi', () => {
    let alarms = 0;
    for (let seed = 0; seed < 20; seed++) {
      const report = detectTableDrift(
        diabetes,
        driftScenario(diabetes, { scenario: 'control', seed }).table,
      );
      alarms += report.numberOfDriftedColumns;
      expect(report.datasetDrift).toBe(false);
    }
    expect(alarms / (20 * 11)).toBeLessThanOrEqual(0.02);
    for (let seed = 0; seed < 3; seed++) {
      const run = driftScenario(taxi, { scenario: 'control', seed });
      expect(run.groundTruth).toMatchObject({ kind: 'none', driftedColumns: [] });
      expect(flagged(taxi, run.table, taxiColumns())).toEqual([]);
    }
  });
});

describe('concept drift: same features, new relation to the target', () => {
  it('diabetes: features are exactly the control draw; the bmi/ltg effect on progression shrinks', () => {
    const concept = driftScenario(diabetes, { scenario: 'concept', seed: 9 });
    const control = driftScenario(diabetes, { scenario: 'control', seed: 9 });
    for (const name of ['age', 'sex', 'bmi', 'bp', 'tc', 'ldl', 'hdl', 'tch', 'ltg', 'glu'])
      expect(same(values(concept.table, name), values(control.table, name))).toBe(true);
    const features = diabetes.columns.map((c) => c.name).filter((n) => n !== 'target');
    expect(flagged(diabetes, concept.table, features)).toEqual([]);
    const fit = (t: ColumnarTable) =>
      fitTwo(values(t, 'bmi'), values(t, 'ltg'), values(t, 'target'));
    const source = fit(diabetes);
    const before = fit(control.table);
    const after = fit(concept.table);
    // Least squares is linear in the target: 70 % of the source's effects come off the sample's
    // coefficients (up to rounding progression to integers).
    expect(Math.abs(after.b1 - (before.b1 - 0.7 * source.b1))).toBeLessThan(0.01 * source.b1);
    expect(Math.abs(after.b2 - (before.b2 - 0.7 * source.b2))).toBeLessThan(0.01 * source.b2);
  });

  it('taxi: same routes and times, slower trips (congestion)', () => {
    const concept = driftScenario(taxi, { scenario: 'concept', seed: 9 });
    const control = driftScenario(taxi, { scenario: 'control', seed: 9 });
    const features = taxiColumns().filter((n) => n !== 'trip_duration' && n !== 'dropoff_datetime');
    for (const name of features.filter((n) => n !== 'store_and_fwd_flag'))
      expect(same(values(concept.table, name), values(control.table, name))).toBe(true);
    expect(flagged(taxi, concept.table, features)).toEqual([]);
    const before = values(control.table, 'trip_duration');
    const after = values(concept.table, 'trip_duration');
    const ratios = Array.from(after, (d, i) => d / before[i]!).filter(
      (r, i) => before[i]! >= 60 && before[i]! < 6 * 3600,
    );
    expect(Math.min(...ratios)).toBeGreaterThan(1.58);
    expect(Math.max(...ratios)).toBeLessThan(1.62);
    // dropoff = pickup + duration still holds.
    const pickup = values(concept.table, 'pickup_datetime');
    const dropoff = values(concept.table, 'dropoff_datetime');
    for (let i = 0; i < 1000; i++) expect(dropoff[i]! - pickup[i]!).toBe(after[i]! * 1000);
  });
});

describe('scenario errors say what to fix', () => {
  const fails = (run: () => unknown, code: string, text: string) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).code).toBe(code);
      expect((error as Error).message).toContain(text);
      return;
    }
    expect.fail('no error thrown');
  };

  it('rejects bad options with their path', () => {
    fails(
      () => driftScenario(diabetes, { scenario: 'covariate', seed: 1, strength: 2 }),
      'invalid-option',
      'options.strength: Too big',
    );
    fails(
      () => driftScenario(diabetes, { scenario: 'drift' as 'label', seed: 1 }),
      'invalid-option',
      'options.scenario',
    );
    fails(
      () => driftScenario(diabetes, { scenario: 'label', seed: 1, sed: 2 } as ScenarioOptions),
      'invalid-option',
      'unknown option "sed"',
    );
  });

  it('names the missing column or the datasets it knows', () => {
    fails(
      () => driftScenario(taxi, { scenario: 'label', seed: 1, dataset: 'diabetes' }),
      'missing-column',
      'The diabetes scenarios need a numeric column "target"',
    );
    const other: ColumnarTable = {
      rowCount: 1,
      columns: [{ name: 'x', type: 'float', values: Float64Array.of(1) }],
    };
    fails(
      () => driftScenario(other, { scenario: 'covariate', seed: 1 }),
      'unknown-dataset',
      'Either load one of those datasets or set options.dataset',
    );
  });
});
