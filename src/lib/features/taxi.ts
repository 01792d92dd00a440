import { haversineKm } from '../data/nyc-taxi/geography';
import { quantiles } from '../numeric/quantile';
import { frameRows, numeric, text, type Frame } from './frame';

/**
 * The course notebook's NYC-taxi features. Parts learned from data (the abnormal days, the
 * rare-point bounds) are fitted on training rows only and saved with the model.
 */
export interface TaxiFeatureState {
  kind: 'taxi';
  /** Days (YYYY-MM-DD) with unusually few trips in the training data. */
  abnormalDays: string[];
  /** Coordinates outside these [low, high] quantile bounds are "rare" points. */
  rareBounds: Record<'latitude' | 'longitude', [number, number]>;
}

export interface TaxiFeatureOptions {
  /**
   * A day is abnormal when its trip count is below this share of the mean daily count. 0.786 is
   * the course's threshold (6,300 trips a day on the full file, whose mean is 8,014) made
   * independent of the sample's size.
   */
  abnormalShare?: number;
  /** Tail share on each side for rare pickup/dropoff points. */
  rareQuantile?: number;
}

export const TAXI_RAW_INPUTS = [
  { name: 'vendor_id', type: 'long' },
  { name: 'pickup_datetime', type: 'datetime' },
  { name: 'passenger_count', type: 'long' },
  { name: 'pickup_longitude', type: 'double' },
  { name: 'pickup_latitude', type: 'double' },
  { name: 'dropoff_longitude', type: 'double' },
  { name: 'dropoff_latitude', type: 'double' },
  { name: 'store_and_fwd_flag', type: 'string' },
] as const;

/** The course notebook's features, in its order. */
export const TAXI_COURSE_FEATURES = [
  'weekday',
  'month',
  'hour',
  'abnormal_period',
  'distance_haversine',
  'log_distance_haversine',
  'is_high_traffic_trip',
  'is_high_speed_trip',
  'is_rare_pickup_point',
  'is_rare_dropoff_point',
  'vendor_2',
  'store_and_fwd',
  'passenger_count',
] as const;

/**
 * The raw coordinates, passed through as features: a linear model can do little with them, but
 * trees and networks can learn where in the city a trip starts and ends (Manhattan's grid, the
 * airports), which the haversine distance alone does not say.
 */
export const TAXI_COORDINATES = [
  'pickup_longitude',
  'pickup_latitude',
  'dropoff_longitude',
  'dropoff_latitude',
] as const;

/** Every feature this recipe makes, in a stable order: the course's, then the coordinates. */
export const TAXI_FEATURES = [...TAXI_COURSE_FEATURES, ...TAXI_COORDINATES] as const;

const DAY_MS = 86_400_000;
const dayKey = (t: number) => new Date(Math.floor(t / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
/** Monday = 0, as pandas' `dt.weekday`. Times are naive NYC wall times stored as UTC. */
const weekdayOf = (t: number) => (new Date(t).getUTCDay() + 6) % 7;

export function fitTaxiFeatures(frame: Frame, options: TaxiFeatureOptions = {}): TaxiFeatureState {
  const pickup = numeric(frame, 'pickup_datetime');
  const perDay = new Map<string, number>();
  for (const t of pickup)
    if (!Number.isNaN(t)) perDay.set(dayKey(t), (perDay.get(dayKey(t)) ?? 0) + 1);
  const meanDaily = [...perDay.values()].reduce((a, b) => a + b, 0) / Math.max(1, perDay.size);
  const threshold = (options.abnormalShare ?? 0.786) * meanDaily;
  const q = options.rareQuantile ?? 0.01;
  const bounds = (a: string, b: string): [number, number] => {
    const both = Float64Array.from([...numeric(frame, a), ...numeric(frame, b)]);
    const [lo, hi] = quantiles(both, [q, 1 - q]);
    return [lo!, hi!];
  };
  return {
    kind: 'taxi',
    abnormalDays: [...perDay]
      .filter(([, n]) => n < threshold)
      .map(([d]) => d)
      .sort(),
    rareBounds: {
      latitude: bounds('pickup_latitude', 'dropoff_latitude'),
      longitude: bounds('pickup_longitude', 'dropoff_longitude'),
    },
  };
}

/** Weekdays (Monday = 0) and hours (both ends included) a window covers. */
export interface TimeWindow {
  weekdays: number[];
  hours: [number, number];
}

/** Mon–Fri 8–19 h and Sat 13–20 h: the course's high-traffic windows. */
export const HIGH_TRAFFIC_WINDOWS: readonly TimeWindow[] = [
  { weekdays: [0, 1, 2, 3, 4], hours: [8, 19] },
  { weekdays: [5], hours: [13, 20] },
];

/** Mon–Fri 2–5 h and Sat–Sun 4–7 h: the course's high-speed windows. */
export const HIGH_SPEED_WINDOWS: readonly TimeWindow[] = [
  { weekdays: [0, 1, 2, 3, 4], hours: [2, 5] },
  { weekdays: [5, 6], hours: [4, 7] },
];

/** Passenger counts above this are counted as this many (the course caps outliers). */
export const MAX_PASSENGERS = 6;

export const inWindows = (windows: readonly TimeWindow[], weekday: number, hour: number) =>
  windows.some((w) => w.weekdays.includes(weekday) && hour >= w.hours[0] && hour <= w.hours[1]);

export const isHighTraffic = (weekday: number, hour: number) =>
  inWindows(HIGH_TRAFFIC_WINDOWS, weekday, hour);

export const isHighSpeed = (weekday: number, hour: number) =>
  inWindows(HIGH_SPEED_WINDOWS, weekday, hour);

export function taxiFeatures(frame: Frame, state: TaxiFeatureState): Record<string, Float64Array> {
  const n = frameRows(frame);
  const pickup = numeric(frame, 'pickup_datetime');
  const [pLon, pLat, dLon, dLat] = TAXI_COORDINATES.map((c) => numeric(frame, c)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const vendor = numeric(frame, 'vendor_id');
  const passengers = numeric(frame, 'passenger_count');
  const flag = text(frame, 'store_and_fwd_flag');
  const abnormal = new Set(state.abnormalDays);
  const { latitude: lat, longitude: lon } = state.rareBounds;
  const rare = (x: number, y: number) => x < lon[0] || x > lon[1] || y < lat[0] || y > lat[1];
  const out = Object.fromEntries(TAXI_FEATURES.map((f) => [f, new Float64Array(n)])) as Record<
    (typeof TAXI_FEATURES)[number],
    Float64Array
  >;
  for (let i = 0; i < n; i++) {
    const t = pickup[i]!;
    const d = new Date(t);
    const weekday = weekdayOf(t);
    const hour = d.getUTCHours();
    const km = haversineKm({ lon: pLon[i]!, lat: pLat[i]! }, { lon: dLon[i]!, lat: dLat[i]! });
    out.weekday[i] = weekday;
    out.month[i] = d.getUTCMonth() + 1;
    out.hour[i] = hour;
    out.abnormal_period[i] = abnormal.has(dayKey(t)) ? 1 : 0;
    out.distance_haversine[i] = km;
    out.log_distance_haversine[i] = Math.log1p(km);
    out.is_high_traffic_trip[i] = isHighTraffic(weekday, hour) ? 1 : 0;
    out.is_high_speed_trip[i] = isHighSpeed(weekday, hour) ? 1 : 0;
    out.is_rare_pickup_point[i] = rare(pLon[i]!, pLat[i]!) ? 1 : 0;
    out.is_rare_dropoff_point[i] = rare(dLon[i]!, dLat[i]!) ? 1 : 0;
    out.vendor_2[i] = vendor[i] === 2 ? 1 : 0;
    out.store_and_fwd[i] = flag[i] === 'Y' ? 1 : 0;
    out.passenger_count[i] = Math.min(passengers[i]!, MAX_PASSENGERS);
    out.pickup_longitude[i] = pLon[i]!;
    out.pickup_latitude[i] = pLat[i]!;
    out.dropoff_longitude[i] = dLon[i]!;
    out.dropoff_latitude[i] = dLat[i]!;
  }
  return out;
}
