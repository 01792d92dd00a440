import { categorical, type Rng } from '../random';
import { CALIBRATION } from './calibration';

export interface Point {
  lon: number;
  lat: number;
}

/** The Earth's radius the haversine distance uses (km). */
export const R_KM = 6371.0;
const RAD = Math.PI / 180;
/** Kilometres per degree at New York's latitude. */
const KM_PER_DEG_LAT = 111.2;
const KM_PER_DEG_LON = 111.2 * Math.cos(40.75 * RAD);
/** Manhattan's street grid runs about 29° east of true north. */
const GRID_BEARING = 29 * RAD;

/** Haversine distance in km (R = 6371.0, as in the calibration). */
export function haversineKm(a: Point, b: Point): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * R_KM * Math.asin(Math.sqrt(h));
}

export function inBox(p: Point, box: { lon: readonly number[]; lat: readonly number[] }): boolean {
  const [lon0 = 0, lon1 = 0] = box.lon;
  const [lat0 = 0, lat1 = 0] = box.lat;
  return p.lon >= lon0 && p.lon <= lon1 && p.lat >= lat0 && p.lat <= lat1;
}

/** Move `km` along `bearing` (radians clockwise from north), flat-earth approximation. */
export function offset(p: Point, km: number, bearing: number): Point {
  return {
    lon: p.lon + (km * Math.sin(bearing)) / KM_PER_DEG_LON,
    lat: p.lat + (km * Math.cos(bearing)) / KM_PER_DEG_LAT,
  };
}

interface Zone {
  name: string;
  lon: number;
  lat: number;
  /** spread in km along / across the Manhattan grid axis */
  along: number;
  across: number;
  weight: number;
}

/** Where non-airport pickups happen: Manhattan-heavy, a little Brooklyn and Queens. */
const ZONES: readonly Zone[] = [
  { name: 'midtown', lon: -73.983, lat: 40.756, along: 1.4, across: 0.6, weight: 0.36 },
  { name: 'upper-east', lon: -73.959, lat: 40.773, along: 1.1, across: 0.45, weight: 0.13 },
  { name: 'upper-west', lon: -73.977, lat: 40.786, along: 1.1, across: 0.45, weight: 0.09 },
  { name: 'village', lon: -73.997, lat: 40.731, along: 1.1, across: 0.7, weight: 0.2 },
  { name: 'downtown', lon: -74.009, lat: 40.712, along: 0.7, across: 0.45, weight: 0.07 },
  { name: 'harlem', lon: -73.947, lat: 40.809, along: 1.0, across: 0.5, weight: 0.025 },
  { name: 'brooklyn', lon: -73.967, lat: 40.697, along: 2.0, across: 2.0, weight: 0.035 },
  { name: 'queens', lon: -73.925, lat: 40.752, along: 1.6, across: 1.6, weight: 0.03 },
];
const pickZone = categorical(ZONES.map((z) => z.weight));

/** A pickup (or the city end of an airport trip) from the zone mixture. */
export function samplePoint(rng: Rng): Point {
  const z = ZONES[pickZone(rng)] ?? ZONES[0]!;
  const a = rng.normal(0, z.along);
  const c = rng.normal(0, z.across);
  return offset(offset(z, a, GRID_BEARING), c, GRID_BEARING + Math.PI / 2);
}

/** A point inside an airport rectangle (terminals are near the middle). */
export function sampleAirport(rng: Rng, which: 'jfk' | 'lga'): Point {
  const r = CALIBRATION[which];
  const [lon0 = 0, lon1 = 0] = r.lon;
  const [lat0 = 0, lat1 = 0] = r.lat;
  const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
  const cLon = which === 'jfk' ? -73.788 : -73.872;
  const cLat = which === 'jfk' ? 40.645 : 40.7745;
  const sd = which === 'jfk' ? 0.008 : 0.004;
  return {
    lon: clamp(rng.normal(cLon, sd), lon0 + 1e-4, lon1 - 1e-4),
    lat: clamp(rng.normal(cLat, sd * 0.7), lat0 + 1e-4, lat1 - 1e-4),
  };
}

/** Direction of a city trip: mostly up or down the avenues, otherwise any direction. */
export function sampleBearing(rng: Rng): number {
  if (rng.chance(0.6)) {
    const base = rng.chance(0.5) ? GRID_BEARING : GRID_BEARING + Math.PI;
    return base + rng.normal(0, 12 * RAD);
  }
  return rng.next() * 2 * Math.PI;
}

/** A point outside the NYC box: Westchester, Long Island, New Jersey, or (rarely) far away. */
export function sampleOutside(rng: Rng): Point {
  const u = rng.next();
  if (u < 0.25)
    return { lon: rng.normal(-73.8, 0.04), lat: 41.0 + Math.abs(rng.normal(0.04, 0.05)) };
  if (u < 0.5)
    return { lon: -73.7 + Math.abs(rng.normal(0.08, 0.08)), lat: rng.normal(40.74, 0.05) };
  if (u < 0.75)
    return { lon: -74.3 - Math.abs(rng.normal(0.05, 0.06)), lat: rng.normal(40.72, 0.06) };
  return { lon: rng.normal(-74.0, 1.2), lat: rng.normal(40.75, 0.9) };
}
