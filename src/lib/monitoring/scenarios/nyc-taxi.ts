import type { ColumnarTable } from '../../data/columnar/types';
import { CALIBRATION } from '../../data/nyc-taxi/calibration';
import { haversineKm, inBox } from '../../data/nyc-taxi/geography';
import { type DatasetProfile, tiltWeights } from './profile';
import { numericColumn, zScores } from './table-rows';

const DATASET = 'nyc-taxi';
const col = (t: ColumnarTable, name: string) => numericColumn(t, name, DATASET);
const ROUTE = ['pickup_longitude', 'pickup_latitude', 'dropoff_longitude', 'dropoff_latitude'];

/** At full strength trips take this much longer (speed / 1.6) in the congestion scenario. */
const CONGESTION = 0.6;
/** Meters left running (6–24 h "trips" in the data) do not get longer in traffic. */
const REAL_TRIP_SECONDS = 6 * 3600;

/** Importance weight of one trip for the covariate shift; factors documented in the description. */
function tripWeight(t: ColumnarTable): Float64Array {
  const [pLon, pLat, dLon, dLat] = ROUTE.map((c) => col(t, c)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const pickup = col(t, 'pickup_datetime');
  const weights = new Float64Array(t.rowCount);
  for (let i = 0; i < t.rowCount; i++) {
    const p = { lon: pLon[i]!, lat: pLat[i]! };
    const d = { lon: dLon[i]!, lat: dLat[i]! };
    const airport = [p, d].some((x) => inBox(x, CALIBRATION.jfk) || inBox(x, CALIBRATION.lga));
    const km = haversineKm(p, d);
    // Naive NYC wall times are stored as UTC, so UTC fields are the local month and hour.
    const when = new Date(pickup[i]!);
    const winter = when.getUTCMonth() <= 1;
    const hour = when.getUTCHours();
    const night = hour >= 22 || hour < 6;
    const distance = Number.isFinite(km) ? Math.min(Math.max(km, 0.5), 20) / 2 : 1;
    weights[i] = (airport ? 4 : 1) * (winter ? 3 : 1) * (night ? 3 : 1) * distance;
  }
  return weights;
}

/** The NYC taxi table in the Kaggle "Trip Duration" schema; `trip_duration` is the target. */
export const taxiProfile: DatasetProfile = {
  dataset: DATASET,
  target: 'trip_duration',
  signature: ['pickup_datetime', 'pickup_longitude', 'trip_duration'],
  covariate: {
    driftedColumns: [...ROUTE, 'pickup_datetime', 'dropoff_datetime', 'trip_duration'],
    description:
      'Covariate shift: more airport trips (×4), longer distances (∝ km, 0.5–20 km), winter months (January and February ×3) and night hours (22:00–05:59 ×3); the route → duration relation is unchanged, so trip_duration moves with the routes.',
    weights: tripWeight,
  },
  label: {
    driftedColumns: ['trip_duration'],
    description:
      'Label shift: longer trips (rows reweighted by exp(z of log1p(trip_duration))); routes follow the durations through their usual relation.',
    weights: (t) =>
      tiltWeights([[zScores(col(t, 'trip_duration').map(Math.log1p)), 1]], t.rowCount),
  },
  concept: {
    driftedColumns: ['trip_duration', 'dropoff_datetime'],
    description: `Concept drift: congestion. The same routes at the same times take up to ${CONGESTION * 100} % longer (speed / ${1 + CONGESTION}); dropoff_datetime moves with trip_duration so dropoff = pickup + duration still holds.`,
    apply(table, intensity) {
      const duration = col(table, 'trip_duration');
      const pickup = col(table, 'pickup_datetime');
      const dropoff = col(table, 'dropoff_datetime');
      for (let i = 0; i < table.rowCount; i++) {
        const d = duration[i]!;
        if (!(d < REAL_TRIP_SECONDS)) continue;
        duration[i] = Math.round(d * (1 + CONGESTION * intensity[i]!));
        if (Number.isFinite(pickup[i]!)) dropoff[i] = pickup[i]! + duration[i]! * 1000;
      }
    },
  },
};
