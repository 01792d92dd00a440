import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTaxiCsv } from '../../../src/lib/data/nyc-taxi/generate';
import { frameFromRows } from '../../../src/lib/features/frame';
import { fitTaxiFeatures, taxiFeatures, TAXI_RAW_INPUTS } from '../../../src/lib/features/taxi';
import { tfjsLayersFiles } from '../../../src/lib/registry';
import {
  fitPipelineModel,
  predictPipeline,
  type PipelineModelState,
} from '../../../src/lib/train/pipeline-model';
import { debianPython, run } from '../export/python-harness';

// ---------------------------------------------------------------------------------------------
// An independent reader of the exported files: written from preprocessing.json's own words, it
// imports nothing of the Labbook's feature or model code.
// ---------------------------------------------------------------------------------------------
type Row = Record<string, unknown>;
type Spec = Record<string, unknown> & { name: string; op: string };
type Pre = {
  features: Spec[];
  design: {
    feature?: string;
    one_hot_of?: string;
    category?: string;
    mean: number;
    scale: number;
  }[];
  model_scaler: { mean: number[]; scale: number[] } | null;
  target: { inverse: 'expm1' | 'none' };
};
type Layer = { config: { units: number; activation: string } };

function wallTime(text: string) {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)$/.exec(text)!;
  const [y, mo, d, h] = m.slice(1, 5).map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return { weekday: (date.getUTCDay() + 6) % 7, month: mo, hour: h, day: text.slice(0, 10) };
}

function featureValue(spec: Spec, row: Row, done: Record<string, number>): number {
  // A field of the spec that names an input or a feature.
  const field = (key: string) => spec[key] as string;
  const num = (name: string) => Number(row[name]);
  const rad = (deg: number) => (deg * Math.PI) / 180;
  switch (spec.op) {
    case 'input':
      return num(field('input'));
    case 'weekday':
    case 'month':
    case 'hour':
      return wallTime(String(row[field('input')]))[spec.op as 'weekday'];
    case 'date_in':
      return (spec.dates as string[]).includes(wallTime(String(row[field('input')])).day) ? 1 : 0;
    case 'haversine_km': {
      const [f, t] = [spec.from as Record<string, string>, spec.to as Record<string, string>];
      const [p1, p2] = [rad(num(f.latitude!)), rad(num(t.latitude!))];
      const dl = rad(num(t.longitude!) - num(f.longitude!));
      const h = Math.sin((p2 - p1) / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
      return 2 * (spec.radius_km as number) * Math.asin(Math.sqrt(h));
    }
    case 'log1p':
      return Math.log1p(done[field('of')]!);
    case 'in_windows': {
      const [wd, hr] = [done[field('weekday')]!, done[field('hour')]!];
      const ws = spec.windows as { weekdays: number[]; hours: [number, number] }[];
      return ws.some((w) => w.weekdays.includes(wd) && hr >= w.hours[0] && hr <= w.hours[1])
        ? 1
        : 0;
    }
    case 'outside_box': {
      const b = spec.bounds as { longitude: [number, number]; latitude: [number, number] };
      const [x, y] = [num(field('longitude')), num(field('latitude'))];
      return x < b.longitude[0] || x > b.longitude[1] || y < b.latitude[0] || y > b.latitude[1]
        ? 1
        : 0;
    }
    case 'equals':
      return row[field('input')] === spec.value ? 1 : 0;
    case 'min':
      return Math.min(num(field('input')), spec.max as number);
  }
  throw new TypeError(`an op this reader does not know: ${spec.op}`);
}

/** Every feature of a row, computed from preprocessing.json's specs alone. */
function referenceFeatures(pre: Pre, row: Row): Record<string, number> {
  const done: Record<string, number> = {};
  for (const spec of pre.features) done[spec.name] = featureValue(spec, row, done);
  return done;
}

/** Predictions from the three exported files and raw rows alone. */
function referencePredict(files: ReturnType<typeof tfjsLayersFiles>, rows: Row[]): number[] {
  const pre = JSON.parse(files['preprocessing.json']) as Pre;
  const model = JSON.parse(files['model.json']);
  const layers = model.modelTopology.config.layers as Layer[];
  const bytes = files['weights.bin'];
  const w = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return rows.map((row) => {
    const done = referenceFeatures(pre, row);
    let x = pre.design.map((c) => {
      const v = c.feature ? done[c.feature]! : String(done[c.one_hot_of!]) === c.category ? 1 : 0;
      return (v - c.mean) / c.scale;
    });
    if (pre.model_scaler)
      x = x.map((v, j) => (v - pre.model_scaler!.mean[j]!) / pre.model_scaler!.scale[j]!);
    let at = 0;
    for (const { config } of layers) {
      const kernel = w.subarray(at, (at += x.length * config.units));
      const bias = w.subarray(at, (at += config.units));
      x = Array.from({ length: config.units }, (_, u) => {
        const sum = x.reduce((a, v, i) => a + v * kernel[i * config.units + u]!, bias[u]!);
        return config.activation === 'relu' ? Math.max(0, sum) : sum;
      });
    }
    return pre.target.inverse === 'expm1' ? Math.expm1(x[0]!) : x[0]!;
  });
}

// ---------------------------------------------------------------------------------------------

/** Seeded taxi trips as a client would send them, plus rows that reach every branch. */
function taxiRows(n: number): Row[] {
  const [header, ...lines] = [...generateTaxiCsv({ rows: n, seed: 7 })].join('').trim().split('\n');
  const names = header!.split(',');
  const rows = lines.map((line) =>
    Object.fromEntries(
      line.split(',').map((v, i) => {
        const name = names[i]!;
        const text = name === 'id' || name.endsWith('datetime') || name === 'store_and_fwd_flag';
        return [name, text ? v : Number(v)];
      }),
    ),
  );
  const edge = { ...rows[0]!, passenger_count: 9, vendor_id: 2, store_and_fwd_flag: 'Y' };
  const far = { ...rows[1]!, pickup_longitude: -73.5, dropoff_latitude: 41.2 };
  return [...rows, edge, far, { ...rows[2]!, pickup_datetime: '2016-01-23 03:30:00' }];
}

/** The course's taxi pipeline (ridge on log1p(duration), scaled, passthrough and one-hot). */
function taxiPipeline(rows: Row[]): PipelineModelState {
  const frame = frameFromRows(
    rows,
    TAXI_RAW_INPUTS.map((c) => ({ ...c })),
  );
  const recipe = fitTaxiFeatures(frame);
  const features = taxiFeatures(frame, recipe);
  const y = Float64Array.from(rows, (r) => Math.log1p(r.trip_duration as number));
  return fitPipelineModel(features, y, {
    recipe,
    columns: {
      scale: ['abnormal_period', 'hour', 'log_distance_haversine', 'passenger_count'],
      passthrough: [
        'is_high_traffic_trip',
        'is_high_speed_trip',
        'is_rare_pickup_point',
        'is_rare_dropoff_point',
        'vendor_2',
        'store_and_fwd',
      ],
      onehot: ['weekday', 'month'],
    },
    target: { name: 'trip_duration', transform: 'log1p' },
    model: { kind: 'ridge', alpha: 1 },
  });
}

const relativeGap = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.max(...Array.from(a, (p, i) => Math.abs(p - b[i]!) / Math.max(1e-12, Math.abs(b[i]!))));

describe("the TF.js export's preprocessing.json", () => {
  const rows = taxiRows(3000);
  const state = taxiPipeline(rows);
  const files = tfjsLayersFiles(state, 'taxi');
  const pre = JSON.parse(files['preprocessing.json']) as Pre;
  const ours = predictPipeline(state, frameFromRows(rows, state.inputs));

  it('gives every taxi feature, from raw trip fields, exactly as the Labbook computes it', () => {
    const labbook = taxiFeatures(frameFromRows(rows, state.inputs), state.recipe as never);
    expect(pre.features.map((f) => f.name)).toEqual(Object.keys(labbook));
    rows.forEach((row, i) => {
      const theirs = referenceFeatures(pre, row);
      for (const [name, column] of Object.entries(labbook))
        expect(theirs[name], `row ${i} ${name}`).toBeCloseTo(column[i]!, 10);
    });
    // The edge rows reach the cap, the flags and a rare point.
    const [edge, far] = rows.slice(-3).map((r) => referenceFeatures(pre, r));
    expect([edge!.passenger_count, edge!.vendor_2, edge!.store_and_fwd]).toEqual([6, 1, 1]);
    expect(far!.is_rare_pickup_point).toBe(1);
  });

  it('describes the taxi pipeline completely: a reader of the files alone predicts as the Labbook does', () => {
    // The network's weights are float32 (TF.js's only dtype), the Labbook's float64.
    expect(relativeGap(referencePredict(files, rows), ours)).toBeLessThan(1e-6);
    // A recipe described wrongly (a high-traffic window an hour short) is caught.
    const wrong = JSON.parse(files['preprocessing.json']) as Pre;
    const traffic = wrong.features.find((f) => f.name === 'is_high_traffic_trip')!;
    (traffic.windows as { hours: number[] }[])[0]!.hours[1] = 18;
    const off = referencePredict({ ...files, 'preprocessing.json': JSON.stringify(wrong) }, rows);
    expect(relativeGap(off, ours)).toBeGreaterThan(1e-3);
  });

  it('describes a columns recipe (the diabetes case) as its inputs, scaled', () => {
    const cols = ['a', 'b', 'c'];
    const plain = rows
      .slice(0, 200)
      .map((r, i) => ({ a: i % 7, b: (r.passenger_count as number) * 1.5, c: i / 10 }));
    const frame = frameFromRows(
      plain,
      cols.map((name) => ({ name, type: 'double' as const })),
    );
    const features = Object.fromEntries(cols.map((c) => [c, frame[c] as Float64Array]));
    const y = Float64Array.from(plain, (r) => 3 * r.a - 2 * r.b + r.c + 1);
    const linear = fitPipelineModel(features, y, {
      recipe: { kind: 'columns', columns: cols },
      columns: { scale: ['a', 'b'], passthrough: ['c'], onehot: [] },
      target: { name: 'y', transform: 'none' },
      model: { kind: 'linear' },
    });
    const exported = tfjsLayersFiles(linear, 'plain');
    const gap = relativeGap(referencePredict(exported, plain), predictPipeline(linear, frame));
    expect(gap).toBeLessThan(1e-6);
  });

  it("is read the same by numpy (scripts/reference/tfjs_preprocessing.py) with Debian's Python", () => {
    const dir = mkdtempSync(join(tmpdir(), 'labbook-tfjs-'));
    try {
      writeFileSync(join(dir, 'model.json'), files['model.json']);
      writeFileSync(join(dir, 'weights.bin'), files['weights.bin']);
      writeFileSync(join(dir, 'preprocessing.json'), files['preprocessing.json']);
      writeFileSync(join(dir, 'rows.json'), JSON.stringify(rows));
      const script = resolve('scripts/reference/tfjs_preprocessing.py');
      const out = run(debianPython(), [script, dir, join(dir, 'rows.json')], dir);
      expect(relativeGap(JSON.parse(out) as number[], ours)).toBeLessThan(1e-6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
