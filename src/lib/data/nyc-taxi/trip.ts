import { categorical, type Rng } from '../random';
import { CALIBRATION } from './calibration';
import { DST_GAP_DAY, dayWeights, monthOf, weekdayOf } from './calendar';
import {
  haversineKm,
  offset,
  sampleAirport,
  sampleBearing,
  sampleOutside,
  samplePoint,
  type Point,
} from './geography';

/** One generated trip, numbers only (formatting lives in csv.ts). */
export interface TaxiTrip {
  vendor: 1 | 2;
  /** seconds since 2016-01-01 00:00:00 (local wall-clock time) */
  pickup: number;
  duration: number;
  passengers: number;
  pickupPoint: Point;
  dropoffPoint: Point;
  storeAndFwd: boolean;
}

const C = CALIBRATION;
/** OLS slope of log(duration) on log(km), from the calibration. */
const BETA = 0.6313;
/** Residual sd of log(duration) given distance and time (tuned: corr ≈ 0.78, log-std ≈ 0.79). */
const SIGMA = 0.35;
/** Intercept (tuned so the median duration is ≈ 661 s). */
const ALPHA = 6.015;

/** City-trip distance (km): quantile knots, interpolated linearly in log km. */
const DIST_P = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];
const DIST_KM = [0.08, 0.2, 0.64, 1.26, 2.04, 3.45, 5.2, 6.6, 11.5, 26];

function cityDistance(rng: Rng): number {
  const u = rng.next();
  let i = 1;
  while (i < DIST_P.length - 1 && (DIST_P[i] ?? 1) < u) i++;
  const p0 = DIST_P[i - 1] ?? 0;
  const p1 = DIST_P[i] ?? 1;
  const k0 = Math.log(DIST_KM[i - 1] ?? 1);
  const k1 = Math.log(DIST_KM[i] ?? 1);
  return Math.exp(k0 + ((u - p0) / (p1 - p0)) * (k1 - k0));
}

const logMeanWeighted = (xs: readonly number[], ws: readonly number[]): number =>
  xs.reduce((s, x, i) => s + Math.log(x) * (ws[i] ?? 0), 0) / ws.reduce((a, b) => a + b, 0);

/**
 * Time effects. With log dur = α + β log km + e and km scaled by D, the median speed is
 * ∝ D^(1−β)·e^(−e) and the median duration ∝ D^β·e^e, so D ∝ speed × duration and
 * e = log duration − β log D (both centred).
 */
function effects(
  speed: readonly number[] | null,
  dur: readonly number[],
  ws: readonly number[],
): { logD: number[]; e: number[] } {
  const logD = dur.map((t, i) => (speed ? Math.log(t * (speed[i] ?? 1)) : 0));
  const mD = logMeanWeighted(logD.map(Math.exp), ws);
  const cLogD = logD.map((x) => x - mD);
  const e = dur.map((t, i) => Math.log(t) - BETA * (cLogD[i] ?? 0));
  const mE = logMeanWeighted(e.map(Math.exp), ws);
  return { logD: cLogD, e: e.map((x) => x - mE) };
}

const HOUR = effects(C.hourMedianSpeed, C.hourMedianDuration, C.hourShares);
const WEEKDAY = effects(C.weekdayMedianSpeed, C.weekdayMedianDuration, C.weekdayShares);
const MONTH = effects(null, C.monthMedianDuration, C.monthShares);

const pickDay = categorical(dayWeights());
const pickHour = categorical(C.hourShares);
const pickPassengers = categorical(C.passengers);

/** Probabilities of the dirty rows and the special trip kinds. */
const P = {
  samePoint: 0.0043,
  pickupJfk: 0.0215,
  pickupLga: 0.0249,
  dropoffJfk: 0.0088,
  dropoffLga: 0.0119,
  pickupOutside: 0.00005,
  dropoffOutside: 0.00025,
  atMost2s: 0.00018,
  under30s: 0.0031,
  under60s: 0.0012,
  over6h: 0.00151,
  over24h: 0.00001,
  flagYGivenVendor1: 378 / 34117,
};

function sampleRoute(rng: Rng, hourLogD: number): { from: Point; to: Point } {
  const u = rng.next();
  let t = P.pickupJfk;
  if (u < t) return { from: sampleAirport(rng, 'jfk'), to: samplePoint(rng) };
  if (u < (t += P.pickupLga)) return { from: sampleAirport(rng, 'lga'), to: samplePoint(rng) };
  if (u < (t += P.dropoffJfk)) return { from: samplePoint(rng), to: sampleAirport(rng, 'jfk') };
  if (u < (t += P.dropoffLga)) return { from: samplePoint(rng), to: sampleAirport(rng, 'lga') };
  const from = samplePoint(rng);
  if (u < t + P.samePoint) return { from, to: from };
  const km = cityDistance(rng) * Math.exp(hourLogD);
  return { from, to: offset(from, km, sampleBearing(rng)) };
}

/** Duration in seconds for the dirty-row kinds, or null for an ordinary trip. */
function dirtyDuration(rng: Rng): number | null {
  const u = rng.next();
  let t = P.atMost2s;
  if (u < t) return rng.int(1, 2);
  if (u < (t += P.under30s)) return rng.int(3, 29);
  if (u < (t += P.under60s)) return rng.int(30, 59);
  if (u < (t += P.over6h)) {
    return Math.min(86_399, Math.max(21_601, 86_400 - Math.round(rng.lognormal(Math.log(600), 1))));
  }
  if (u < t + P.over24h) return Math.min(2_300_000, 86_401 + Math.round(rng.lognormal(12, 1)));
  return null;
}

/** Round to float32, as the real file's coordinates are. */
const f32 = (p: Point): Point => ({ lon: Math.fround(p.lon), lat: Math.fround(p.lat) });

export function sampleTrip(rng: Rng): TaxiTrip {
  const vendor: 1 | 2 = rng.chance(C.share.vendor1) ? 1 : 2;
  const day = pickDay(rng);
  let hour = pickHour(rng);
  if (day === DST_GAP_DAY && hour === 2) hour = 3;
  const pickup = day * 86_400 + hour * 3600 + rng.int(0, 3599);
  const wd = weekdayOf(day);
  const month = monthOf(day);

  const logD = (HOUR.logD[hour] ?? 0) + (WEEKDAY.logD[wd] ?? 0);
  let { from, to } = sampleRoute(rng, logD);
  if (rng.chance(P.pickupOutside)) from = sampleOutside(rng);
  if (rng.chance(P.dropoffOutside)) to = sampleOutside(rng);
  const pickupPoint = f32(from);
  const dropoffPoint = f32(to);

  // Same-point trips still ran the meter: give them a plausible route length.
  const km = haversineKm(pickupPoint, dropoffPoint);
  const routeKm = km > 0.001 ? km : rng.lognormal(Math.log(1.6), 0.8);
  const e = (HOUR.e[hour] ?? 0) + (WEEKDAY.e[wd] ?? 0) + (MONTH.e[month] ?? 0);
  // A minority of trips run much faster than the model (green lights, short cuts): left tail.
  const fast = rng.chance(0.1) ? Math.abs(rng.normal(0, 0.6)) : 0;
  const logDur = ALPHA + BETA * Math.log(routeKm) + e + rng.normal(0, SIGMA) - fast;
  const duration = dirtyDuration(rng) ?? Math.max(1, Math.round(Math.exp(logDur)));

  return {
    vendor,
    pickup,
    duration,
    passengers: pickPassengers(rng),
    pickupPoint,
    dropoffPoint,
    storeAndFwd: vendor === 1 && rng.chance(P.flagYGivenVendor1),
  };
}
