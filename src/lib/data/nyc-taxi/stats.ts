import { quantileSorted } from '../../numeric/quantile';
import { CALIBRATION } from './calibration';
import { haversineKm, inBox } from './geography';
import type { TaxiRow } from './csv';
import { meanAndStd } from '../../numeric/moments';

const median = (xs: number[]): number => quantileSorted(Float64Array.from(xs).sort(), 0.5);
const QS = { p1: 0.01, p5: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95, p99: 0.99 };
type Quantiles = Record<keyof typeof QS, number>;
const quantiles = (xs: number[]): Quantiles => {
  const s = Float64Array.from(xs).sort();
  return Object.fromEntries(
    Object.entries(QS).map(([k, q]) => [k, quantileSorted(s, q)]),
  ) as Quantiles;
};

function corrAndSlope(
  x: number[],
  y: number[],
): { corr: number; slope: number; intercept: number } {
  const mx = meanAndStd(x);
  const my = meanAndStd(y);
  let cov = 0;
  x.forEach((xi, i) => (cov += (xi - mx.mean) * ((y[i] ?? 0) - my.mean)));
  cov /= x.length;
  const slope = cov / mx.std ** 2;
  return { corr: cov / (mx.std * my.std), slope, intercept: my.mean - slope * mx.mean };
}

export interface TaxiStats {
  rows: number;
  durationQuantiles: Quantiles;
  logDurationMean: number;
  logDurationStd: number;
  share: Record<keyof typeof CALIBRATION.share, number>;
  flagYVendor2: number;
  passengers: number[];
  distanceQuantiles: Quantiles;
  corrLogKmLogDuration: number;
  olsIntercept: number;
  olsSlope: number;
  medianSpeedClean: number;
  hourShares: number[];
  hourMedianDuration: number[];
  hourMedianSpeed: number[];
  weekdayShares: number[];
  weekdayMedianDuration: number[];
  weekdayMedianSpeed: number[];
  monthShares: number[];
  monthMedianDuration: number[];
  tripsPerDay: Map<string, number>;
  lowestDays: [string, number][];
}

const weekdayCache = new Map<string, number>();
function weekday(date: string): number {
  let w = weekdayCache.get(date);
  if (w === undefined) {
    const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
    w = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
    weekdayCache.set(date, w);
  }
  return w;
}

const groups = (k: number): number[][] => Array.from({ length: k }, () => []);

/** The calibration statistics of a set of rows, computed the way the calibration was. */
export function taxiStats(rows: Iterable<TaxiRow>): TaxiStats {
  const C = CALIBRATION;
  const dur: number[] = [];
  const logDur: number[] = [];
  const km: number[] = [];
  const cleanX: number[] = [];
  const cleanY: number[] = [];
  const cleanSpeed: number[] = [];
  const [hDur, hSpeed, wDur, wSpeed, mDur] = [
    groups(24),
    groups(24),
    groups(7),
    groups(7),
    groups(6),
  ];
  const counts = Object.fromEntries(Object.keys(C.share).map((k) => [k, 0])) as TaxiStats['share'];
  const passengers = new Array<number>(7).fill(0);
  const perDay = new Map<string, number>();
  let n = 0;
  let flagYVendor2 = 0;
  const add = (k: keyof TaxiStats['share'], yes: boolean): void => {
    if (yes) counts[k]++;
  };
  for (const r of rows) {
    n++;
    const d = r.tripDuration;
    const from = { lon: r.pickupLongitude, lat: r.pickupLatitude };
    const to = { lon: r.dropoffLongitude, lat: r.dropoffLatitude };
    const dist = haversineKm(from, to);
    const date = r.pickupDatetime.slice(0, 10);
    const hour = Number(r.pickupDatetime.slice(11, 13));
    const month = Number(r.pickupDatetime.slice(5, 7)) - 1;
    const wd = weekday(date);
    dur.push(d);
    logDur.push(Math.log1p(d));
    km.push(dist);
    perDay.set(date, (perDay.get(date) ?? 0) + 1);
    passengers[r.passengerCount] = (passengers[r.passengerCount] ?? 0) + 1;
    const pIn = inBox(from, C.box);
    const dIn = inBox(to, C.box);
    add('over24h', d > 86_400);
    add('over6h', d > 21_600);
    add('under60s', d < 60);
    add('under30s', d < 30);
    add('atMost2s', d <= 2);
    add('samePoint', dist < 0.001);
    add('over50km', dist > 50);
    add('pickupOutsideBox', !pIn);
    add('dropoffOutsideBox', !dIn);
    add('eitherOutsideBox', !pIn || !dIn);
    add('pickupJfk', inBox(from, C.jfk));
    add('dropoffJfk', inBox(to, C.jfk));
    add('pickupLga', inBox(from, C.lga));
    add('dropoffLga', inBox(to, C.lga));
    add('vendor1', r.vendorId === 1);
    add('flagY', r.storeAndFwdFlag === 'Y');
    if (r.storeAndFwdFlag === 'Y' && r.vendorId !== 1) flagYVendor2++;
    hDur[hour]?.push(d);
    wDur[wd]?.push(d);
    mDur[month]?.push(d);
    if (d >= 30 && d <= 21_600 && pIn && dIn && dist > 0) {
      const speed = dist / (d / 3600);
      cleanX.push(Math.log1p(dist));
      cleanY.push(Math.log1p(d));
      cleanSpeed.push(speed);
      hSpeed[hour]?.push(speed);
      wSpeed[wd]?.push(speed);
    }
  }
  const ld = meanAndStd(logDur);
  const { corr } = corrAndSlope(cleanX, cleanY);
  const ols = corrAndSlope(
    cleanX.map((x) => Math.log(Math.expm1(x))),
    cleanY.map((y) => Math.log(Math.expm1(y))),
  );
  const byCount = [...perDay.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const share = (xs: number[][]): number[] => xs.map((g) => g.length / n);
  return {
    rows: n,
    durationQuantiles: quantiles(dur),
    logDurationMean: ld.mean,
    logDurationStd: ld.std,
    share: Object.fromEntries(
      Object.entries(counts).map(([k, c]) => [k, c / n]),
    ) as TaxiStats['share'],
    flagYVendor2,
    passengers: passengers.map((c) => c / n),
    distanceQuantiles: quantiles(km),
    corrLogKmLogDuration: corr,
    olsIntercept: ols.intercept,
    olsSlope: ols.slope,
    medianSpeedClean: median(cleanSpeed),
    hourShares: share(hDur),
    hourMedianDuration: hDur.map(median),
    hourMedianSpeed: hSpeed.map(median),
    weekdayShares: share(wDur),
    weekdayMedianDuration: wDur.map(median),
    weekdayMedianSpeed: wSpeed.map(median),
    monthShares: share(mDur),
    monthMedianDuration: mDur.map(median),
    tripsPerDay: perDay,
    lowestDays: byCount.slice(0, 5),
  };
}
