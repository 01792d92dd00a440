import { describe, expect, it } from 'vitest';
import { featureSpecs } from '../../../src/lib/features/feature-spec';
import { frameFromRows } from '../../../src/lib/features/frame';
import {
  fitTaxiFeatures,
  isHighSpeed,
  isHighTraffic,
  TAXI_COORDINATES,
  TAXI_COURSE_FEATURES,
  TAXI_FEATURES,
  TAXI_RAW_INPUTS,
  taxiFeatures,
} from '../../../src/lib/features/taxi';

const trip = (pickup: string, extra: Record<string, unknown> = {}) => ({
  vendor_id: 2,
  pickup_datetime: pickup,
  passenger_count: 1,
  pickup_longitude: -73.9855,
  pickup_latitude: 40.758,
  dropoff_longitude: -73.9772,
  dropoff_latitude: 40.7527,
  store_and_fwd_flag: 'N',
  ...extra,
});

describe('the course notebook’s taxi features', () => {
  it('reads time features from the pickup, Monday = 0, in NYC wall time as given', () => {
    // 2016-03-14 was a Monday; 2016-01-23 a Saturday (the blizzard).
    const frame = frameFromRows(
      [trip('2016-03-14 08:30:00'), trip('2016-01-23 23:59:59', { passenger_count: 9 })],
      [...TAXI_RAW_INPUTS],
    );
    const state = fitTaxiFeatures(frame);
    const f = taxiFeatures(frame, state);
    expect(Array.from(f.weekday!)).toEqual([0, 5]);
    expect(Array.from(f.month!)).toEqual([3, 1]);
    expect(Array.from(f.hour!)).toEqual([8, 23]);
    expect(Array.from(f.passenger_count!)).toEqual([1, 6]);
    expect(Array.from(f.vendor_2!)).toEqual([1, 1]);
    // Times Square → Grand Central, checked with Python: R = 6371 km haversine gives 0.914371 km.
    expect(f.distance_haversine![0]).toBeCloseTo(0.9143708, 6);
    expect(f.log_distance_haversine![0]).toBeCloseTo(Math.log1p(f.distance_haversine![0]!), 12);
  });

  it('uses the course’s high-traffic and high-speed windows', () => {
    expect([isHighTraffic(0, 8), isHighTraffic(4, 19), isHighTraffic(4, 20)]).toEqual([
      true,
      true,
      false,
    ]);
    expect([isHighTraffic(5, 12), isHighTraffic(5, 13), isHighTraffic(6, 15)]).toEqual([
      false,
      true,
      false,
    ]);
    expect([isHighSpeed(2, 2), isHighSpeed(2, 6), isHighSpeed(6, 4), isHighSpeed(5, 7)]).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });

  it('learns abnormal days and rare points from training rows, and applies them as learned', () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => trip(`2016-02-01 ${String(i + 10)}:00:00`)),
      ...Array.from({ length: 10 }, (_, i) => trip(`2016-02-02 ${String(i + 10)}:00:00`)),
      trip('2016-02-03 10:00:00', { pickup_longitude: -74.2, dropoff_latitude: 40.6 }),
    ];
    const frame = frameFromRows(rows, [...TAXI_RAW_INPUTS]);
    const state = fitTaxiFeatures(frame, { rareQuantile: 0.02 });
    // Mean daily count is 7; a day under 0.786 × 7 trips is abnormal.
    expect(state.abnormalDays).toEqual(['2016-02-03']);
    const f = taxiFeatures(frame, state);
    expect(f.abnormal_period![20]).toBe(1);
    expect(f.abnormal_period![0]).toBe(0);
    expect(f.is_rare_pickup_point![20]).toBe(1);
    expect(f.is_rare_dropoff_point![20]).toBe(1);
    expect(f.is_rare_pickup_point![0]).toBe(0);
  });

  it('passes the raw coordinates through as features, after the course’s own', () => {
    const frame = frameFromRows(
      [trip('2016-03-14 08:30:00', { dropoff_latitude: 40.6413 })],
      [...TAXI_RAW_INPUTS],
    );
    const f = taxiFeatures(frame, fitTaxiFeatures(frame));
    expect(Object.keys(f)).toEqual([...TAXI_COURSE_FEATURES, ...TAXI_COORDINATES]);
    expect(Object.keys(f)).toEqual([...TAXI_FEATURES]);
    expect([
      f.pickup_longitude![0],
      f.pickup_latitude![0],
      f.dropoff_longitude![0],
      f.dropoff_latitude![0],
    ]).toEqual([-73.9855, 40.758, -73.9772, 40.6413]);
    // Every feature of the recipe is described for preprocessing.json: the coordinates as inputs.
    const specs = featureSpecs(fitTaxiFeatures(frame));
    expect(specs.map((s) => s.name)).toEqual([...TAXI_FEATURES]);
    expect(specs.at(-1)).toEqual({
      name: 'dropoff_latitude',
      op: 'input',
      input: 'dropoff_latitude',
    });
  });

  it('says which row and field of a request is wrong', () => {
    expect(() => frameFromRows([trip('14/03/2016')], [...TAXI_RAW_INPUTS])).toThrow(
      /Row 1: "pickup_datetime" is "14\/03\/2016"; a date and time such as/,
    );
    expect(() =>
      frameFromRows(
        [trip('2016-03-14 08:30:00', { passenger_count: 'two' })],
        [...TAXI_RAW_INPUTS],
      ),
    ).toThrow(/Row 1: "passenger_count" is "two"; a finite number was expected/);
  });
});
