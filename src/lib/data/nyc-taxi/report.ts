import { CALIBRATION } from './calibration';
import type { TaxiStats } from './stats';

const C = CALIBRATION;
const pct = (x: number): string => `${(x * 100).toFixed(3)} %`;
const num = (x: number, d = 1): string => x.toFixed(d);
const list = (xs: readonly number[], f: (x: number) => string): string => xs.map(f).join(', ');
const pctList = (xs: readonly number[]): string => list(xs, (x) => (x * 100).toFixed(2));

/** Markdown table: calibration target vs the statistics of a generated sample. */
export function taxiReport(s: TaxiStats): string {
  const rows: [string, string, string][] = [['rows', '73,177 (5 % sample)', String(s.rows)]];
  for (const k of Object.keys(C.durationQuantiles) as (keyof typeof C.durationQuantiles)[]) {
    rows.push([`duration ${k} (s)`, num(C.durationQuantiles[k]), num(s.durationQuantiles[k])]);
  }
  rows.push(['mean log1p(duration)', num(C.logDurationMean, 4), num(s.logDurationMean, 4)]);
  rows.push(['std log1p(duration)', num(C.logDurationStd, 4), num(s.logDurationStd, 4)]);
  for (const k of Object.keys(C.distanceQuantiles) as (keyof typeof C.distanceQuantiles)[]) {
    rows.push([
      `distance ${k} (km)`,
      num(C.distanceQuantiles[k], 4),
      num(s.distanceQuantiles[k], 4),
    ]);
  }
  rows.push([
    'corr(log1p km, log1p s), clean',
    num(C.corrLogKmLogDuration, 4),
    num(s.corrLogKmLogDuration, 4),
  ]);
  rows.push(['OLS log s = a + b·log km: a', num(C.olsIntercept, 4), num(s.olsIntercept, 4)]);
  rows.push(['OLS b', num(C.olsSlope, 4), num(s.olsSlope, 4)]);
  rows.push(['median speed, clean (km/h)', num(C.medianSpeedClean, 3), num(s.medianSpeedClean, 3)]);
  for (const k of Object.keys(C.share) as (keyof typeof C.share)[]) {
    rows.push([`share ${k}`, pct(C.share[k]), pct(s.share[k])]);
  }
  rows.push(['store_and_fwd Y with vendor 2 (rows)', '0', String(s.flagYVendor2)]);
  rows.push(['passengers 0..6 (%)', pctList(C.passengers), pctList(s.passengers)]);
  rows.push(['hour shares 0..23 (%)', pctList(C.hourShares), pctList(s.hourShares)]);
  rows.push([
    'hour median duration (s)',
    list(C.hourMedianDuration, (x) => num(x, 0)),
    list(s.hourMedianDuration, (x) => num(x, 0)),
  ]);
  rows.push([
    'hour median speed (km/h)',
    list(C.hourMedianSpeed, (x) => num(x, 1)),
    list(s.hourMedianSpeed, (x) => num(x, 1)),
  ]);
  rows.push(['weekday shares Mon..Sun (%)', pctList(C.weekdayShares), pctList(s.weekdayShares)]);
  rows.push([
    'weekday median duration (s)',
    list(C.weekdayMedianDuration, (x) => num(x, 0)),
    list(s.weekdayMedianDuration, (x) => num(x, 0)),
  ]);
  rows.push([
    'weekday median speed (km/h)',
    list(C.weekdayMedianSpeed, (x) => num(x, 1)),
    list(s.weekdayMedianSpeed, (x) => num(x, 1)),
  ]);
  rows.push(['month shares Jan..Jun (%)', pctList(C.monthShares), pctList(s.monthShares)]);
  rows.push([
    'month median duration (s)',
    list(C.monthMedianDuration, (x) => num(x, 0)),
    list(s.monthMedianDuration, (x) => num(x, 0)),
  ]);
  const scale = s.rows / (C.meanTripsPerDay * 182);
  const low = (ds: readonly (readonly [string, number])[], f: number): string =>
    ds.map(([d, c]) => `${d.slice(5)} (${(c / f / C.meanTripsPerDay).toFixed(2)})`).join(', ');
  rows.push([
    'five lowest days (trips ÷ mean day)',
    low(C.lowestDays, 1),
    low(s.lowestDays, scale),
  ]);
  const esc = (x: string): string => x.replace(/\|/g, '\\|');
  return [
    '| statistic | target (real, 5 % sample) | generated |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
