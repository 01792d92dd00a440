import { R_KM } from '../data/nyc-taxi/geography';
import type { RecipeState } from './recipes';
import {
  HIGH_SPEED_WINDOWS,
  HIGH_TRAFFIC_WINDOWS,
  MAX_PASSENGERS,
  TAXI_FEATURES,
  type TaxiFeatureState,
} from './taxi';

/**
 * One feature as data: how it is computed from raw inputs (`input`) or from features listed
 * before it (`of`). The vocabulary is `FEATURE_OPS`; a reader needs nothing else.
 */
export type FeatureSpec = { name: string } & (
  | { op: 'input'; input: string }
  | { op: 'weekday' | 'month' | 'hour'; input: string }
  | { op: 'date_in'; input: string; dates: string[] }
  | {
      op: 'haversine_km';
      from: { longitude: string; latitude: string };
      to: { longitude: string; latitude: string };
      radius_km: number;
    }
  | { op: 'log1p'; of: string }
  | {
      op: 'in_windows';
      weekday: string;
      hour: string;
      windows: { weekdays: number[]; hours: [number, number] }[];
    }
  | {
      op: 'outside_box';
      longitude: string;
      latitude: string;
      bounds: { longitude: [number, number]; latitude: [number, number] };
    }
  | { op: 'equals'; input: string; value: number | string }
  | { op: 'min'; input: string; max: number }
);

/** What each op computes, in words precise enough to reimplement (written into the export). */
export const FEATURE_OPS: Record<FeatureSpec['op'], string> = {
  input:
    'The raw input as a number (a number written as text is read as that number; missing → NaN).',
  weekday:
    'Day of the week of the datetime, Monday = 0 … Sunday = 6. A datetime without an offset ("2016-03-14 17:24:55") is wall time, used as written; one with an offset is converted to UTC first.',
  month: 'Month of the datetime, January = 1 … December = 12 (read as for weekday).',
  hour: 'Hour of the datetime, 0–23 (read as for weekday).',
  date_in:
    "Whether the datetime's calendar date, written YYYY-MM-DD, is one of `dates`: 1 or 0 (read as for weekday).",
  haversine_km:
    'Great-circle distance in km: with φ = latitude and λ = longitude in radians, h = sin²((φ2 − φ1)/2) + cos φ1 · cos φ2 · sin²((λ2 − λ1)/2), distance = 2 · radius_km · asin(√h).',
  log1p: 'ln(1 + x) of the feature `of`.',
  in_windows:
    'Whether the features `weekday` and `hour` fall in any window: weekday in `weekdays` and hours[0] ≤ hour ≤ hours[1]. 1 or 0.',
  outside_box:
    'Whether the point lies outside the bounds: longitude < bounds.longitude[0] or > bounds.longitude[1], or latitude likewise. 1 or 0.',
  equals: 'Whether the raw input equals `value` (numbers as numbers, text as text): 1 or 0.',
  min: 'The raw input, capped at `max`: min(x, max).',
};

const point = (side: 'pickup' | 'dropoff') => ({
  longitude: `${side}_longitude`,
  latitude: `${side}_latitude`,
});

const windows = (list: typeof HIGH_TRAFFIC_WINDOWS) =>
  list.map((w) => ({ weekdays: [...w.weekdays], hours: [...w.hours] as [number, number] }));

/** The taxi recipe's features, fitted values included, in `TAXI_FEATURES` order. */
function taxiSpec(state: TaxiFeatureState): FeatureSpec[] {
  const at = 'pickup_datetime';
  const bounds = { longitude: state.rareBounds.longitude, latitude: state.rareBounds.latitude };
  const specs: Record<(typeof TAXI_FEATURES)[number], FeatureSpec> = {
    weekday: { name: 'weekday', op: 'weekday', input: at },
    month: { name: 'month', op: 'month', input: at },
    hour: { name: 'hour', op: 'hour', input: at },
    abnormal_period: {
      name: 'abnormal_period',
      op: 'date_in',
      input: at,
      dates: state.abnormalDays,
    },
    distance_haversine: {
      name: 'distance_haversine',
      op: 'haversine_km',
      from: point('pickup'),
      to: point('dropoff'),
      radius_km: R_KM,
    },
    log_distance_haversine: {
      name: 'log_distance_haversine',
      op: 'log1p',
      of: 'distance_haversine',
    },
    is_high_traffic_trip: {
      name: 'is_high_traffic_trip',
      op: 'in_windows',
      weekday: 'weekday',
      hour: 'hour',
      windows: windows(HIGH_TRAFFIC_WINDOWS),
    },
    is_high_speed_trip: {
      name: 'is_high_speed_trip',
      op: 'in_windows',
      weekday: 'weekday',
      hour: 'hour',
      windows: windows(HIGH_SPEED_WINDOWS),
    },
    is_rare_pickup_point: {
      name: 'is_rare_pickup_point',
      op: 'outside_box',
      ...point('pickup'),
      bounds,
    },
    is_rare_dropoff_point: {
      name: 'is_rare_dropoff_point',
      op: 'outside_box',
      ...point('dropoff'),
      bounds,
    },
    vendor_2: { name: 'vendor_2', op: 'equals', input: 'vendor_id', value: 2 },
    store_and_fwd: { name: 'store_and_fwd', op: 'equals', input: 'store_and_fwd_flag', value: 'Y' },
    passenger_count: {
      name: 'passenger_count',
      op: 'min',
      input: 'passenger_count',
      max: MAX_PASSENGERS,
    },
    pickup_longitude: { name: 'pickup_longitude', op: 'input', input: 'pickup_longitude' },
    pickup_latitude: { name: 'pickup_latitude', op: 'input', input: 'pickup_latitude' },
    dropoff_longitude: { name: 'dropoff_longitude', op: 'input', input: 'dropoff_longitude' },
    dropoff_latitude: { name: 'dropoff_latitude', op: 'input', input: 'dropoff_latitude' },
  };
  return TAXI_FEATURES.map((f) => specs[f]);
}

/** Every feature a fitted recipe makes, as data (what a TF.js export's preprocessing.json lists). */
export function featureSpecs(recipe: RecipeState): FeatureSpec[] {
  return recipe.kind === 'taxi'
    ? taxiSpec(recipe)
    : recipe.columns.map((c) => ({ name: c, op: 'input', input: c }));
}
