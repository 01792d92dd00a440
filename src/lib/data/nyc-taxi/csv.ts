import { formatDateTime } from './calendar';
import type { TaxiTrip } from './trip';

/** The Kaggle "NYC Taxi Trip Duration" train.csv header, column for column. */
export const TAXI_HEADER =
  'id,vendor_id,pickup_datetime,dropoff_datetime,passenger_count,pickup_longitude,' +
  'pickup_latitude,dropoff_longitude,dropoff_latitude,store_and_fwd_flag,trip_duration';

/** Coordinates as in train.csv: a float32 value written with 15 decimals. */
const formatCoord = (x: number): string => Math.fround(x).toFixed(15);

/** `id` + 7 digits, like `id2875421`. */
const formatId = (n: number): string => `id${String(n).padStart(7, '0')}`;

export function formatTripRow(id: number, t: TaxiTrip): string {
  return [
    formatId(id),
    t.vendor,
    formatDateTime(t.pickup),
    formatDateTime(t.pickup + t.duration),
    t.passengers,
    formatCoord(t.pickupPoint.lon),
    formatCoord(t.pickupPoint.lat),
    formatCoord(t.dropoffPoint.lon),
    formatCoord(t.dropoffPoint.lat),
    t.storeAndFwd ? 'Y' : 'N',
    t.duration,
  ].join(',');
}

/** A parsed train.csv row: what a student's code sees after reading the file. */
export interface TaxiRow {
  id: string;
  vendorId: number;
  pickupDatetime: string;
  dropoffDatetime: string;
  passengerCount: number;
  pickupLongitude: number;
  pickupLatitude: number;
  dropoffLongitude: number;
  dropoffLatitude: number;
  storeAndFwdFlag: string;
  tripDuration: number;
}

export function parseTaxiLine(line: string): TaxiRow {
  const f = line.split(',');
  const s = (i: number): string => f[i] ?? '';
  return {
    id: s(0),
    vendorId: Number(s(1)),
    pickupDatetime: s(2),
    dropoffDatetime: s(3),
    passengerCount: Number(s(4)),
    pickupLongitude: Number(s(5)),
    pickupLatitude: Number(s(6)),
    dropoffLongitude: Number(s(7)),
    dropoffLatitude: Number(s(8)),
    storeAndFwdFlag: s(9),
    tripDuration: Number(s(10)),
  };
}
